using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// One ledger row with every field of statutes.md §2, so "why is this due on that day" is answerable from the
/// row alone (the rule text, the events, the calendars and their versions, the days skipped, the roll, tolling).
/// </summary>
public sealed record DeadlineRecord
{
    public required string DeadlineId { get; init; }
    public string? CaseId { get; init; }
    public required string Program { get; init; }
    public string? Office { get; init; }
    public required string RuleId { get; init; }
    public required string RuleTitle { get; init; }
    public required string Citation { get; init; }
    public required string RuleText { get; init; }
    public required string RuleBookVersion { get; init; }
    public required DeadlineKind Kind { get; init; }
    public required IReadOnlyDictionary<string, Instant> Events { get; init; }
    public required IReadOnlyList<string> TriggerEvents { get; init; }
    public required TriggerCombination Combine { get; init; }
    public required string AnchorEvent { get; init; }
    public required Instant AnchorAt { get; init; }
    public required int AnchorOffsetDays { get; init; }
    public required LocalDate AnchorDate { get; init; }
    public required ClockUnit Unit { get; init; }
    public required int Amount { get; init; }
    public bool MonthEnd { get; init; }
    public string? Calendar { get; init; }
    public string? ScopeAgency { get; init; }
    public string? ScopeSite { get; init; }
    public required IReadOnlyDictionary<string, string> CalendarVersions { get; init; }
    public required RollPolicy Roll { get; init; }
    public required LocalDate CountedEndDate { get; init; }
    public required LocalDate LegalDueDate { get; init; }
    public required Instant LegalDueAt { get; init; }
    public required LocalDate TargetDate { get; init; }
    public double? WarningFraction { get; init; }
    public Instant? WarningAt { get; init; }
    public required LocalDate UntolledDueDate { get; init; }
    public IReadOnlyList<Holiday> SkippedDays { get; init; } = [];
    public IReadOnlyList<Holiday> RolledOver { get; init; } = [];
    public IReadOnlyList<TollingPeriod> Tolling { get; init; } = [];
    public IReadOnlyList<string> Policy { get; init; } = [];
    public required DeadlineStatus Status { get; init; }
    public Instant? MissedAt { get; init; }
    public Instant? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
    public string? CloseReason { get; init; }
    /// <summary>Who a miss was escalated to (<see cref="MissEscalation"/>), and when.</summary>
    public string? EscalatedTo { get; init; }
    public Instant? EscalatedAt { get; init; }
    public required Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public IReadOnlyList<LedgerHistoryEntry> History { get; init; } = [];
    /// <summary>The storage ETag the row was read with; pass it back to update.</summary>
    public string? ETag { get; init; }

    public CalendarScope Scope => new(ScopeAgency, ScopeSite);

    public DeadlineKey Key => new(Program, Office ?? "", DeadlineId);

    /// <summary>A row (or, without case and office, a stand-alone answer for the CLI) from a computed deadline.</summary>
    public static DeadlineRecord From(
        ComputedDeadline d, string ruleBookVersion, string deadlineId, Instant createdAt, string createdBy,
        string? caseId = null, string? office = null, CalendarScope? scope = null) => new()
    {
        DeadlineId = deadlineId,
        CaseId = caseId,
        Program = d.Rule.Program,
        Office = office,
        RuleId = d.Rule.Id,
        RuleTitle = d.Rule.Title,
        Citation = d.Rule.Citation,
        RuleText = d.Rule.Excerpt,
        RuleBookVersion = ruleBookVersion,
        Kind = d.Rule.Kind,
        Events = d.Events,
        TriggerEvents = [.. d.Rule.Triggers.Select(t => t.PlusCalendarDays == 0 ? t.Event : $"{t.Event}+{t.PlusCalendarDays}d")],
        Combine = d.Rule.Combine,
        AnchorEvent = d.AnchorEvent,
        AnchorAt = d.AnchorAt,
        AnchorOffsetDays = d.AnchorOffsetDays,
        AnchorDate = d.AnchorDate,
        Unit = d.Rule.Unit,
        Amount = d.Rule.Amount,
        MonthEnd = d.Rule.MonthEnd,
        Calendar = d.Rule.Calendar,
        ScopeAgency = scope?.Agency,
        ScopeSite = scope?.Site,
        CalendarVersions = d.CalendarVersions,
        Roll = d.Rule.Roll,
        CountedEndDate = d.CountedEndDate,
        LegalDueDate = d.LegalDueDate,
        LegalDueAt = d.LegalDueAt,
        TargetDate = d.TargetDate,
        WarningFraction = d.Rule.WarningFraction,
        WarningAt = d.WarningAt,
        UntolledDueDate = d.UntolledDueDate,
        SkippedDays = d.SkippedDays,
        RolledOver = d.RolledOver,
        Tolling = d.Tolling,
        Policy = d.Rule.Policy,
        Status = d.StillTolled ? DeadlineStatus.Tolled : DeadlineStatus.Open,
        CreatedAt = createdAt,
        CreatedBy = createdBy,
    };

    /// <summary>The computed fields of a fresh computation, keeping identity, status and history.</summary>
    public DeadlineRecord WithComputation(ComputedDeadline d) => this with
    {
        Events = d.Events,
        AnchorEvent = d.AnchorEvent,
        AnchorAt = d.AnchorAt,
        AnchorOffsetDays = d.AnchorOffsetDays,
        AnchorDate = d.AnchorDate,
        CalendarVersions = d.CalendarVersions,
        CountedEndDate = d.CountedEndDate,
        LegalDueDate = d.LegalDueDate,
        LegalDueAt = d.LegalDueAt,
        TargetDate = d.TargetDate,
        WarningAt = d.WarningAt,
        UntolledDueDate = d.UntolledDueDate,
        SkippedDays = d.SkippedDays,
        RolledOver = d.RolledOver,
        Tolling = d.Tolling,
    };
}
