using NodaTime;

namespace Serverless.Workflows.Clocks;

/// <summary>One statutory clock as data (an entry of rules.json): what the law says and how to count it.</summary>
public sealed record ClockRule
{
    public required string Id { get; init; }
    public required string Program { get; init; }
    public required string Title { get; init; }
    public required string Citation { get; init; }
    public string? CatalogRef { get; init; }
    public required string Excerpt { get; init; }
    public required string Source { get; init; }
    public required DeadlineKind Kind { get; init; }
    public required IReadOnlyList<TriggerSpec> Triggers { get; init; }
    public required TriggerCombination Combine { get; init; }
    public required ClockUnit Unit { get; init; }
    public required int Amount { get; init; }
    public bool MonthEnd { get; init; }
    /// <summary>The calendar business days count on; null for other units.</summary>
    public string? Calendar { get; init; }
    public required RollPolicy Roll { get; init; }
    public double? WarningFraction { get; init; }
    public required LocalDate EffectiveFrom { get; init; }
    public LocalDate? EffectiveTo { get; init; }
    public IReadOnlyList<string> Policy { get; init; } = [];
    public IReadOnlyList<TollingReason> Tolling { get; init; } = [];

    public bool InEffectOn(LocalDate date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);
}
