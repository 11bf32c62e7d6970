namespace Serverless.Workflows.Clocks;

/// <summary>"Whichever is sooner / later" across separately computed deadlines (legal due instant decides).</summary>
public static class DeadlineCombination
{
    public static ComputedDeadline Sooner(params IReadOnlyList<ComputedDeadline> deadlines) =>
        deadlines.Count == 0 ? throw new ArgumentException("no deadlines") : deadlines.MinBy(d => d.LegalDueAt)!;

    public static ComputedDeadline Later(params IReadOnlyList<ComputedDeadline> deadlines) =>
        deadlines.Count == 0 ? throw new ArgumentException("no deadlines") : deadlines.MaxBy(d => d.LegalDueAt)!;
}
