using NodaTime;
using Serverless.Workflows.Calendars;

namespace Serverless.Workflows.Clocks;

/// <summary>
/// The answer to "when is this due, and why": every input and intermediate step of one clock, enough to explain
/// it without recomputing. <see cref="UntolledDueDate"/> keeps the due before any tolling.
/// </summary>
public sealed record ComputedDeadline
{
    public required ClockRule Rule { get; init; }
    public required string AnchorEvent { get; init; }
    public required Instant AnchorAt { get; init; }
    public required int AnchorOffsetDays { get; init; }
    /// <summary>The New York day the count starts from (excluded from the count).</summary>
    public required LocalDate AnchorDate { get; init; }
    public required IReadOnlyDictionary<string, Instant> Events { get; init; }
    /// <summary>Where counting N units ended, before any roll.</summary>
    public required LocalDate CountedEndDate { get; init; }
    public required Instant CountedEndAt { get; init; }
    public required LocalDate LegalDueDate { get; init; }
    public required Instant LegalDueAt { get; init; }
    public required LocalDate TargetDate { get; init; }
    public LocalDate? WarningDate { get; init; }
    public Instant? WarningAt { get; init; }
    public required IReadOnlyDictionary<string, string> CalendarVersions { get; init; }
    /// <summary>Closed days inside the business-day window that were not counted.</summary>
    public IReadOnlyList<Holiday> SkippedDays { get; init; } = [];
    /// <summary>Closed days the roll stepped over (forward: after the counted end; target-backward: after the target).</summary>
    public IReadOnlyList<Holiday> RolledOver { get; init; } = [];
    public required LocalDate UntolledDueDate { get; init; }
    public required Instant UntolledDueAt { get; init; }
    public IReadOnlyList<TollingPeriod> Tolling { get; init; } = [];
    /// <summary>True while a pause is still open: the due shown is as of the time asked and will move.</summary>
    public bool StillTolled { get; init; }
}
