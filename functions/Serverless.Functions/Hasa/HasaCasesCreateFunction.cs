using System.Text.Json.Nodes;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary><c>POST /api/hasa/cases</c>: eligibility determined; records the case and starts W-1 (instance id = case id). 202 with status URLs.</summary>
public static class HasaCasesCreateFunction
{
    public const string Name = "HasaCasesCreate";

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct)
    {
        var r = await HasaRequest.ReadAsync(Name, invocation, s.Tokens, s.Clock, ct);
        var errors = new FieldErrors();
        if (!r.TryAdmit(errors, out var refused))
        {
            return refused;
        }
        var body = r.Body();
        var command = HasaForms.Case(body, NewYorkTime.DateOf(r.Now), errors);
        if (command is null || errors.Any)
        {
            return HttpAnswers.Invalid(errors.All);
        }
        var signals = WorkflowSignals.From(invocation, s.Http);
        if (signals is null)
        {
            return HttpAnswers.Problem(500, "Misconfigured", "The function has no durableClient binding named 'starter'.");
        }
        var outcome = await s.Cases.CreateAsync(command, r.Caller, r.Idempotency, r.Purpose, r.Now, ct);
        switch (outcome.Kind)
        {
            case OutcomeKind.Forbidden: return HttpAnswers.Forbidden();
            case OutcomeKind.Conflict: return HttpAnswers.Conflict(outcome.Reason!);
        }
        try
        {
            await signals.StartHousingAsync(command.CaseId, ct);
        }
        catch (Exception e) when (e is Serverless.Durable.Client.DurableClientException or HttpRequestException)
        {
            s.Logger.LogWarning("Starting the housing workflow of a new case failed: {Error}", e.GetType().Name);
            return HttpAnswers.Problem(503, "Workflow not started",
                "The case is recorded but its workflow could not be started; send the same request again with the same Idempotency-Key.");
        }
        var check = signals.Client.CreateCheckStatusResponse(command.CaseId);
        var headers = check.Headers.Where(h => h.Key != "Content-Type").ToDictionary();
        if (outcome.Kind == OutcomeKind.Replayed && outcome.Replay!.Body is { } stored)
        {
            return HttpAnswers.Raw(outcome.Replay.StatusCode ?? 202, stored, headers);
        }
        var answer = HttpAnswers.Parse(check.Body).AsObject();
        var view = outcome.Value ?? (await s.Cases.GetAsync(command.CaseId, r.Caller, r.Purpose, r.Now, ct)).Value!;
        foreach (var (key, value) in HasaJson.Case(view).ToList())
        {
            answer[key] = value?.DeepClone();
        }
        var json = answer.ToJsonString();
        await s.Cases.SaveAnswerAsync(command.CaseId, r.Idempotency, 202, json, ct);
        return HttpAnswers.Raw(202, json, headers);
    }
}
