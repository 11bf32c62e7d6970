using System.Text.Json.Nodes;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>
/// <c>POST /api/hasa/cases/{caseId}/applications</c> and <c>.../documents</c>: answer synchronously with the
/// §21-128(c)(1) receipt (stable number, date, items received, complete or incomplete per benefit, missing items);
/// a new application starts its W-3 instance, documents wake the open ones.
/// </summary>
public static class HasaSubmissionFunction
{
    public const string ApplicationsName = "HasaCaseApplications";
    public const string DocumentsName = "HasaCaseDocuments";

    public static Task<InvocationResponse> ApplicationsAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct) =>
        InvokeAsync(ApplicationsName, true, invocation, s, ct);

    public static Task<InvocationResponse> DocumentsAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct) =>
        InvokeAsync(DocumentsName, false, invocation, s, ct);

    private static async Task<InvocationResponse> InvokeAsync(string name, bool isApplication, InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct)
    {
        var r = await HasaRequest.ReadAsync(name, invocation, s.Tokens, s.Clock, ct);
        var errors = new FieldErrors();
        if (!r.TryAdmit(errors, out var refused))
        {
            return refused;
        }
        var body = r.Body();
        var submission = HasaForms.Submission(body, NewYorkTime.DateOf(r.Now), isApplication, errors);
        if (submission is null || errors.Any)
        {
            return HttpAnswers.Invalid(errors.All);
        }
        var caseId = r.Param("caseId") ?? "";
        var outcome = await s.Cases.SubmitAsync(caseId, submission, isApplication, r.Caller, r.Idempotency, r.Purpose, r.Now, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return HttpAnswers.NotFound("case " + caseId);
            case OutcomeKind.Forbidden: return HttpAnswers.Forbidden();
            case OutcomeKind.Conflict: return HttpAnswers.Conflict(outcome.Reason!);
            case OutcomeKind.Replayed:
                var stored = outcome.Replay!.Body ?? (outcome.Replay.ReceiptNumber is { } number && await s.Cases.ReceiptAsync(caseId, number, ct) is { } again
                    ? new JsonObject { ["receipt"] = HasaJson.Node(again) }.ToJsonString()
                    : null);
                return stored is null
                    ? HttpAnswers.Problem(409, "Conflict", "A request with this Idempotency-Key is still being processed.")
                    : HttpAnswers.Raw(outcome.Replay.StatusCode ?? 201, stored);
        }
        var (receipt, created) = outcome.Value;
        var signalled = await SignalAsync(invocation, s, caseId, receipt, created, ct);
        var json = new JsonObject { ["receipt"] = HasaJson.Node(receipt), ["workflowsSignalled"] = signalled }.ToJsonString();
        await s.Cases.SaveAnswerAsync(caseId, r.Idempotency, 201, json, ct);
        return HttpAnswers.Raw(201, json);
    }

    private static async Task<bool> SignalAsync(
        InvocationRequest invocation, HasaEndpointServices s, string caseId, HasaReceipt receipt, IReadOnlyList<BenefitApplication> created, CancellationToken ct)
    {
        var signals = WorkflowSignals.From(invocation, s.Http);
        if (signals is null)
        {
            return false;
        }
        try
        {
            foreach (var application in created)
            {
                await signals.StartApplicationAsync(caseId, application.ApplicationId, ct);
            }
            foreach (var line in receipt.Benefits.Where(b => created.All(c => c.ApplicationId != b.ApplicationId)))
            {
                await signals.WakeAsync(HasaScopes.ApplicationInstance(caseId, line.ApplicationId), caseId, 0, ct);
            }
            return true;
        }
        catch (Exception e) when (e is Serverless.Durable.Client.DurableClientException or HttpRequestException)
        {
            s.Logger.LogWarning("Signalling the application workflows of a case failed: {Error}", e.GetType().Name);
            return false;
        }
    }
}
