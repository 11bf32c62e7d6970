using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// Maps records to table entities. The <c>Record</c> column (JSON) is what is read back; the flat columns
/// repeat the statutes.md §2 fields so the table can be read and filtered in Storage Explorer.
/// </summary>
internal static class DeadlineEntities
{
    public static TableEntity Record(DeadlineRecord r)
    {
        var e = new TableEntity(LedgerKeys.Partition(r.Program, r.Office!), LedgerKeys.RecordRow(r.DeadlineId))
        {
            ["Record"] = JsonSerializer.Serialize(r with { ETag = null }, LedgerJson.Options),
            ["DeadlineId"] = r.DeadlineId,
            ["CaseId"] = r.CaseId,
            ["RuleId"] = r.RuleId,
            ["Citation"] = r.Citation,
            ["RuleText"] = r.RuleText,
            ["Triggers"] = JsonSerializer.Serialize(r.Events, LedgerJson.Options),
            ["Unit"] = r.Unit.ToString(),
            ["Amount"] = r.Amount,
            ["Calendar"] = r.Calendar,
            ["CalendarVersions"] = JsonSerializer.Serialize(r.CalendarVersions, LedgerJson.Options),
            ["Roll"] = Clocks.ClockText.Of(r.Roll),
            ["LegalDue"] = Date(r.LegalDueDate),
            ["LegalDueAt"] = r.LegalDueAt.ToDateTimeOffset(),
            ["Target"] = Date(r.TargetDate),
            ["WarningAt"] = r.WarningAt?.ToDateTimeOffset(),
            ["Status"] = r.Status.ToString(),
            ["ClosedBy"] = r.ClosedBy,
            ["EscalatedTo"] = r.EscalatedTo,
        };
        if (r.ETag is not null)
        {
            e.ETag = new ETag(r.ETag);
        }
        return e;
    }

    public static TableEntity DueIndex(DeadlineRecord r) => new(LedgerKeys.Partition(r.Program, r.Office!), LedgerKeys.DueRow(r.LegalDueAt, r.DeadlineId))
    {
        ["DeadlineId"] = r.DeadlineId,
        ["CaseId"] = r.CaseId,
        ["RuleId"] = r.RuleId,
        ["Status"] = r.Status.ToString(),
        ["AnchorDate"] = Date(r.AnchorDate),
        ["LegalDue"] = Date(r.LegalDueDate),
        ["LegalDueAt"] = r.LegalDueAt.ToDateTimeOffset(),
        ["Target"] = Date(r.TargetDate),
        ["Calendars"] = string.Join(",", r.CalendarVersions.Keys),
    };

    public static DeadlineRecord ReadRecord(TableEntity e) =>
        JsonSerializer.Deserialize<DeadlineRecord>(e.GetString("Record"), LedgerJson.Options)! with { ETag = e.ETag.ToString() };

    public static DeadlineSummary ReadSummary(string program, string office, TableEntity e) => new(
        new DeadlineKey(program, office, e.GetString("DeadlineId")),
        e.GetString("CaseId"),
        e.GetString("RuleId"),
        Enum.Parse<DeadlineStatus>(e.GetString("Status")),
        ParseDate(e.GetString("AnchorDate")),
        ParseDate(e.GetString("LegalDue")),
        Instant.FromDateTimeOffset(e.GetDateTimeOffset("LegalDueAt")!.Value),
        ParseDate(e.GetString("Target")),
        e.GetString("Calendars") is { Length: > 0 } c ? c.Split(',') : []);

    private static string Date(LocalDate d) => LocalDatePattern.Iso.Format(d);

    private static LocalDate ParseDate(string s) => LocalDatePattern.Iso.Parse(s).GetValueOrThrow();
}
