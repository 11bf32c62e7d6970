namespace Serverless.Workflows.Ledger;

/// <summary>
/// Which status changes are allowed. A met deadline never becomes missed; a miss never closes a clock silently:
/// the duty stays until it is met (late) or mooted.
/// </summary>
public static class StatusTransitions
{
    private static readonly Dictionary<DeadlineStatus, DeadlineStatus[]> Allowed = new()
    {
        [DeadlineStatus.Open] = [DeadlineStatus.Met, DeadlineStatus.Missed, DeadlineStatus.Tolled, DeadlineStatus.Waived, DeadlineStatus.Moot],
        [DeadlineStatus.Tolled] = [DeadlineStatus.Open, DeadlineStatus.Met, DeadlineStatus.Waived, DeadlineStatus.Moot],
        [DeadlineStatus.Missed] = [DeadlineStatus.Met, DeadlineStatus.Moot],
        [DeadlineStatus.Met] = [],
        [DeadlineStatus.Waived] = [],
        [DeadlineStatus.Moot] = [],
    };

    public static bool IsAllowed(DeadlineStatus from, DeadlineStatus to) => Allowed[from].Contains(to);

    public static void Ensure(DeadlineStatus from, DeadlineStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidStatusTransitionException(from, to);
        }
    }

    /// <summary>Live duties are in the due index: they show in "open due before" and "overdue" queries.</summary>
    public static bool IsLive(DeadlineStatus status) => status is DeadlineStatus.Open or DeadlineStatus.Missed;
}

public sealed class InvalidStatusTransitionException(DeadlineStatus from, DeadlineStatus to)
    : InvalidOperationException($"a {from.ToString().ToLowerInvariant()} deadline cannot become {to.ToString().ToLowerInvariant()}")
{
    public DeadlineStatus From { get; } = from;
    public DeadlineStatus To { get; } = to;
}
