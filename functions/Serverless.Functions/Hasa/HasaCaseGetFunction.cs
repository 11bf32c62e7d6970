using Serverless.Functions.Invocations;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary><c>GET /api/hasa/cases/{caseId}</c>: the case, its timeline and every deadline with its explanation. Audited.</summary>
public static class HasaCaseGetFunction
{
    public const string Name = "HasaCaseGet";

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct)
    {
        var r = await HasaRequest.ReadAsync(Name, invocation, s.Tokens, s.Clock, ct);
        if (r.Caller is null)
        {
            return HttpAnswers.Unauthorized();
        }
        if (!HasaAccessPolicy.MayUseHasa(r.Caller))
        {
            return HttpAnswers.Forbidden();
        }
        var caseId = r.Param("caseId") ?? "";
        var outcome = await s.Cases.GetAsync(caseId, r.Caller, r.Purpose, r.Now, ct);
        return outcome.Kind switch
        {
            OutcomeKind.NotFound => HttpAnswers.NotFound("case " + caseId),
            OutcomeKind.Forbidden => HttpAnswers.Forbidden(),
            _ => HttpAnswers.Json(200, HasaJson.Case(outcome.Value!)),
        };
    }
}
