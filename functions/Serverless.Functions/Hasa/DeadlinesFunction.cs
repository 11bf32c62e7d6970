using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime.Text;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Ledger;

namespace Serverless.Functions.Hasa;

/// <summary>
/// <c>GET /api/deadlines?program=&amp;office=&amp;status=&amp;dueBefore=&amp;pageSize=&amp;continuationToken=</c>: the staff list, paged.
/// HASA staff and supervisors see their own office; auditors any office.
/// </summary>
public static class DeadlinesFunction
{
    public const string Name = "Deadlines";

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest invocation, HasaEndpointServices s, CancellationToken ct)
    {
        var r = await HasaRequest.ReadAsync(Name, invocation, s.Tokens, s.Clock, ct);
        if (r.Caller is null)
        {
            return HttpAnswers.Unauthorized();
        }
        var errors = new FieldErrors();
        var program = r.Http.QueryValue("program") ?? HasaLedgerSync.Program;
        if (!string.Equals(program, HasaLedgerSync.Program, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("program", "only HASA is served here");
        }
        DeadlineStatus? status = null;
        if (r.Http.QueryValue("status") is { } statusText)
        {
            if (Enum.TryParse<DeadlineStatus>(statusText, true, out var parsed) && !int.TryParse(statusText, out _))
            {
                status = parsed;
            }
            else
            {
                errors.Add("status", "must be one of open, met, missed, tolled, waived, moot");
            }
        }
        NodaTime.Instant? dueBefore = null;
        if (r.Http.QueryValue("dueBefore") is { } dueText)
        {
            var parsed = LocalDatePattern.Iso.Parse(dueText);
            if (parsed.Success)
            {
                dueBefore = NewYorkTime.StartOfDay(parsed.Value);
            }
            else
            {
                errors.Add("dueBefore", "must be a date yyyy-MM-dd");
            }
        }
        var pageSize = 100;
        if (r.Http.QueryValue("pageSize") is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            errors.Add("pageSize", "must be a whole number from 1 to 1000");
        }
        var token = r.Http.QueryValue("continuationToken");
        if (token is not null && !HasaDeadlineQueries.IsWellFormedToken(token))
        {
            errors.Add("continuationToken", "is not a token this API gave out");
        }
        if (errors.Any)
        {
            return HttpAnswers.Invalid(errors.All);
        }
        var office = r.Http.QueryValue("office") ?? (r.Caller.Has(Workflows.Cases.Roles.Auditor) ? null : r.Caller.Office);
        if (!HasaAccessPolicy.MayListDeadlines(r.Caller, office))
        {
            return HttpAnswers.Forbidden();
        }
        var offices = office is null ? await s.Hasa.Deadlines.OfficesAsync(ct) : [office];
        var page = await s.Hasa.Deadlines.PageAsync(offices, status, dueBefore, pageSize, token, ct);
        await s.Hasa.Audit.AppendAsync(new Workflows.Cases.AuditEntry(r.Caller.User, r.Now, "deadlines:" + (office ?? "*"), "list", r.Purpose, $"{page.Items.Count} rows"), ct);
        return HttpAnswers.Json(200, new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(d => (JsonNode?)HasaJson.Deadline(d, withHistory: false))]),
            ["continuationToken"] = page.ContinuationToken,
        });
    }
}
