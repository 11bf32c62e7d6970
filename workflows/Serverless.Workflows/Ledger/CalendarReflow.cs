using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// After a closure or proclaimed holiday is added, re-computes every open deadline whose window (trigger day to
/// legal due) contains a changed day on a calendar the deadline used, and records old due, new due, calendar
/// versions and the reason on the row's history. Missed deadlines are left alone: their miss is already recorded.
/// </summary>
public sealed class CalendarReflow(DeadlineLedger ledger)
{
    public async Task<IReadOnlyList<ReflowChange>> ReflowAsync(
        CalendarCatalog updated, IReadOnlyList<CalendarEntry> changes, string reason, string by, CancellationToken ct = default)
    {
        if (changes.Count == 0)
        {
            return [];
        }
        var calculator = new DeadlineCalculator(updated);
        var earliest = NewYorkTime.StartOfDay(changes.Min(c => c.Date));
        var touched = new List<DeadlineSummary>();
        await foreach (var (program, office) in ledger.OfficesAsync(ct))
        {
            await foreach (var summary in ledger.LiveDueBetweenAsync(program, office, earliest, MaxDue, ct))
            {
                if (summary.Status == DeadlineStatus.Open && Touches(summary, changes))
                {
                    touched.Add(summary);
                }
            }
        }

        var results = new List<ReflowChange>();
        foreach (var summary in touched)
        {
            DeadlineRecord? before = null;
            var after = await ledger.ChangeAsync(summary.Key, null, current =>
            {
                before = current;
                var recomputed = ledger.Recompute(current, calculator, current.Tolling, ledger.Clock.GetCurrentInstant());
                return current.WithComputation(recomputed) with
                {
                    History = [.. current.History, new LedgerHistoryEntry(ledger.Clock.GetCurrentInstant(), "reflow", by, reason,
                        OldDue: current.LegalDueDate, NewDue: recomputed.LegalDueDate,
                        OldTarget: current.TargetDate, NewTarget: recomputed.TargetDate,
                        OldCalendarVersions: current.CalendarVersions, NewCalendarVersions: recomputed.CalendarVersions)],
                };
            }, ct);
            results.Add(new ReflowChange(summary.Key, summary.RuleId, before!.LegalDueDate, after.LegalDueDate, before.TargetDate, after.TargetDate));
        }
        return results;
    }

    /// <summary>Stores a run-time calendar addition, then re-flows the ledger onto the catalog that includes it.</summary>
    public async Task<(CalendarCatalog Catalog, IReadOnlyList<ReflowChange> Changes)> AddAndReflowAsync(
        CalendarEntryStore store, CalendarCatalog current, CalendarEntry entry, string reason, string by, CancellationToken ct = default)
    {
        await store.AddAsync(entry, ct);
        var updated = current.With([entry]);
        return (updated, await ReflowAsync(updated, [entry], reason, by, ct));
    }

    private static readonly Instant MaxDue = NewYorkTime.StartOfDay(CalendarRange.Last);

    private static bool Touches(DeadlineSummary summary, IReadOnlyList<CalendarEntry> changes) =>
        changes.Any(c => summary.Calendars.Contains(c.Calendar) && c.Date > summary.AnchorDate && c.Date <= summary.LegalDueDate);
}
