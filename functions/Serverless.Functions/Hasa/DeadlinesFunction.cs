using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime.Text;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Ledger;

namespace Serverless.Functions.Hasa;

/// <summary>
/// <c>GET /api/deadlines?program=&amp;office=&amp;status=&amp;dueBefore=&amp;inWarning=&amp;pageSize=&amp;continuationToken=</c>: the staff
/// list, paged. <c>inWarning=true</c> lists the open duties past their warning time (by default 70% of the clock): the cases
/// about to miss. HASA staff and supervisors see their own office; auditors any office.
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
        bool inWarning = false;
        if (r.Http.QueryValue("inWarning") is { } warningText)
        {
            if (!bool.TryParse(warningText, out inWarning))
            {
                errors.Add("inWarning", "must be true or false");
            }
            else if (inWarning && status is not (null or DeadlineStatus.Open))
            {
                errors.Add("inWarning", "applies to open deadlines only; leave status out or set it to open");
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
        var page = inWarning
            ? await s.Hasa.Deadlines.PageAsync(offices, DeadlineStatus.Open, dueBefore, pageSize, token, ct, warningReachedBy: r.Now)
            : await s.Hasa.Deadlines.PageAsync(offices, status, dueBefore, pageSize, token, ct);
        await s.Hasa.Audit.AppendAsync(new Workflows.Cases.AuditEntry(r.Caller.User, r.Now, "deadlines:" + (office ?? "*"), "list", r.Purpose, $"{page.Items.Count} rows"), ct);
        return HttpAnswers.Json(200, new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(d => (JsonNode?)HasaJson.Deadline(d, withHistory: false))]),
            ["continuationToken"] = page.ContinuationToken,
        });
    }
}
