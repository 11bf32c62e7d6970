using System.Text.Json.Nodes;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>
/// <c>POST /api/hasa/cases/{caseId}/events</c>: records a typed case event (business date, never in the future),
/// refuses one that contradicts the case (409 with the reason), then wakes the case's workflows.
/// </summary>
public static class HasaCaseEventsFunction
{
    public const string Name = "HasaCaseEvents";

    private static readonly HashSet<HasaEventType> TerminationEvents =
    [
        HasaEventType.ContactLost, HasaEventType.CertifiedMailSent, HasaEventType.ReturnReceipt, HasaEventType.ContactMade,
        HasaEventType.CommissionerCertification, HasaEventType.TerminationRequested, HasaEventType.Deceased,
    ];

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct)
    {
        var r = await HasaRequest.ReadAsync(Name, invocation, s.Tokens, s.Clock, ct);
        var errors = new FieldErrors();
        if (!r.TryAdmit(errors, out var refused))
        {
            return refused;
        }
        var body = r.Body();
        var draft = HasaForms.Event(body, NewYorkTime.DateOf(r.Now), errors);
        var caseId = r.Param("caseId") ?? "";
        if (draft is null || errors.Any)
        {
            return HttpAnswers.Invalid(errors.All);
        }
        var outcome = await s.Cases.RecordAsync(caseId, draft, r.Caller, r.Idempotency, r.Purpose, r.Now, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound: return HttpAnswers.NotFound("case " + caseId);
            case OutcomeKind.Forbidden: return HttpAnswers.Forbidden();
            case OutcomeKind.Conflict: return HttpAnswers.Conflict(outcome.Reason!);
            case OutcomeKind.Replayed when outcome.Replay!.Body is { } stored: return HttpAnswers.Raw(outcome.Replay.StatusCode ?? 201, stored);
            case OutcomeKind.Replayed: return HttpAnswers.Problem(409, "Conflict", "A request with this Idempotency-Key is still being processed.");
        }
        var (recorded, snapshot, deadlines) = outcome.Value;
        var woken = await WakeAsync(invocation, s, recorded, ct);
        var answer = new JsonObject
        {
            ["event"] = HasaJson.Node(recorded),
            ["workflowsSignalled"] = woken,
            ["housing"] = HasaJson.Node(snapshot.Housing),
            ["termination"] = HasaJson.Node(snapshot.Termination),
            ["deadlines"] = new JsonArray([.. deadlines.OrderBy(d => d.LegalDueAt).Select(d => (JsonNode?)HasaJson.Deadline(d))]),
        };
        var json = answer.ToJsonString();
        await s.Cases.SaveAnswerAsync(caseId, r.Idempotency, 201, json, ct);
        return HttpAnswers.Raw(201, json);
    }

    private static async Task<bool> WakeAsync(InvocationRequest invocation, HasaEndpointServices s, HasaEvent e, CancellationToken ct)
    {
        var signals = WorkflowSignals.From(invocation, s.Http);
        if (signals is null)
        {
            return false;
        }
        try
        {
            await signals.WakeAsync(e.CaseId, e.CaseId, e.Sequence, ct);
            if (e.Type == HasaEventType.ContactLost)
            {
                await signals.StartTerminationGuardAsync(e.CaseId, ct);
            }
            if (TerminationEvents.Contains(e.Type))
            {
                await signals.WakeAsync(HasaScopes.TerminationInstance(e.CaseId), e.CaseId, e.Sequence, ct);
            }
            if (e.ApplicationId is { } application)
            {
                await signals.WakeAsync(HasaScopes.ApplicationInstance(e.CaseId, application), e.CaseId, e.Sequence, ct);
            }
            return true;
        }
        catch (Exception ex) when (ex is Serverless.Durable.Client.DurableClientException or HttpRequestException)
        {
            // the event and the ledger are already written; the workflows catch up at their next timer
            s.Logger.LogWarning("Waking the workflows of a case failed: {Error}", ex.GetType().Name);
            return false;
        }
    }
}
