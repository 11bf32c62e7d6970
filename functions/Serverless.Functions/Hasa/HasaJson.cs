using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Ledger;

namespace Serverless.Functions.Hasa;

/// <summary>The JSON the HASA forms get back: camelCase, dates as yyyy-MM-dd, enums as text; deadlines with their explanation.</summary>
public static class HasaJson
{
    public static JsonSerializerOptions Options => LedgerJson.Options;

    public static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, Options)!;

    public static JsonObject Deadline(DeadlineRecord r, bool withHistory = true)
    {
        var row = Row(r);
        if (withHistory)
        {
            row["history"] = Node(r.History);
        }
        return row;
    }

    private static JsonObject Row(DeadlineRecord r) => new()
    {
        ["deadlineId"] = r.DeadlineId,
        ["caseId"] = r.CaseId,
        ["office"] = r.Office,
        ["rule"] = r.RuleId,
        ["title"] = r.RuleTitle,
        ["citation"] = r.Citation,
        ["due"] = Date(r.LegalDueDate),
        ["target"] = Date(r.TargetDate),
        ["untolledDue"] = Date(r.UntolledDueDate),
        ["status"] = r.Status.ToString().ToLowerInvariant(),
        ["anchorEvent"] = r.AnchorEvent,
        ["anchorDate"] = Date(r.AnchorDate),
        ["warningAt"] = r.WarningAt is { } warning ? Node(warning) : null,
        ["missedAt"] = r.MissedAt is { } missed ? Node(missed) : null,
        ["escalatedTo"] = r.EscalatedTo,
        ["closeReason"] = r.CloseReason,
        ["explanation"] = DeadlineExplainer.Sentence(r),
    };

    public static JsonObject Case(HasaCaseView view) => new()
    {
        ["case"] = Node(view.Case),
        ["housing"] = Node(view.Housing),
        ["termination"] = Node(view.Termination),
        ["deadlines"] = new JsonArray([.. view.Deadlines.Select(d => (JsonNode?)Deadline(d))]),
        ["timeline"] = Node(view.Timeline),
        ["applications"] = Node(view.Applications),
        ["receipts"] = Node(view.Receipts),
        ["referrals"] = Node(view.Referrals),
        ["placements"] = Node(view.Placements),
        ["notices"] = Node(view.Notices),
    };

    public static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
