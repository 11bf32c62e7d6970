using System.Diagnostics;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>Figures from one benchmark run (printed by <c>serverless bench replay</c>, not asserted).</summary>
public sealed record ReplayBenchmarkResult(
    int HistoryEvents,
    TimeSpan ReplayTime,
    long ReplayAllocatedBytes,
    int ThroughputEpisodes,
    TimeSpan ThroughputTime,
    double EpisodesPerSecond)
{
    public const double TargetReplayMilliseconds = 50;
    public const long TargetReplayAllocatedBytes = 20L * 1024 * 1024;

    public bool MeetsTargets => ReplayTime.TotalMilliseconds < TargetReplayMilliseconds && ReplayAllocatedBytes < TargetReplayAllocatedBytes;
}

/// <summary>
/// Measures the executor: a full replay of a long history (a sequential chain of activities, four events per step),
/// and episodes per second on a small typical episode. Histories are built before measuring.
/// </summary>
public static class ReplayBenchmark
{
    private static readonly DateTime Start = new(2026, 1, 5, 14, 0, 0, DateTimeKind.Utc);

    public static ReplayBenchmarkResult Run(int historyEvents = 10_000, int throughputEpisodes = 20_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyEvents, 8);
        int steps = (historyEvents - 2 + 3) / 4; // at least historyEvents events
        var executor = new OrchestrationExecutor();
        var chain = new FuncTaskOrchestrator<int, int>(RunChain);
        var longHistory = ChainHistory(steps);
        var episode = ChainHistory(1);

        // Warm up JIT and caches so the figures are about the executor, not the first call.
        executor.Execute(longHistory, chain);
        for (int i = 0; i < 200; i++)
        {
            executor.Execute(episode, chain);
        }

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var replayClock = Stopwatch.StartNew();
        var response = executor.Execute(longHistory, chain);
        replayClock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        if (response.Actions.Count != 1 || response.Actions[0].CompleteOrchestration?.OrchestrationStatus != OrchestrationStatus.Completed)
        {
            throw new InvalidOperationException("The benchmark orchestration did not replay to completion.");
        }

        var throughputClock = Stopwatch.StartNew();
        for (int i = 0; i < throughputEpisodes; i++)
        {
            executor.Execute(episode, chain);
        }

        throughputClock.Stop();
        return new ReplayBenchmarkResult(
            longHistory.PastEvents.Count + longHistory.NewEvents.Count,
            replayClock.Elapsed,
            allocated,
            throughputEpisodes,
            throughputClock.Elapsed,
            throughputEpisodes / throughputClock.Elapsed.TotalSeconds);
    }

    private static async Task<int> RunChain(TaskOrchestrationContext context, int steps)
    {
        int total = 0;
        for (int i = 0; i < steps; i++)
        {
            total += await context.CallActivityAsync<int>("Step", i);
        }

        return total;
    }

    /// <summary>A history in which <paramref name="steps"/> activities ran one after the other; the last result is new.</summary>
    private static OrchestratorRequest ChainHistory(int steps)
    {
        var request = new OrchestratorRequest { InstanceId = "bench" };
        var at = Start;
        request.PastEvents.Add(HistoryEvents.OrchestratorStarted(at));
        request.PastEvents.Add(HistoryEvents.ExecutionStarted(at, "Chain", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "bench"));
        for (int i = 0; i < steps; i++)
        {
            var target = i == steps - 1 ? request.NewEvents : request.PastEvents;
            request.PastEvents.Add(HistoryEvents.TaskScheduled(at, i, "Step", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            request.PastEvents.Add(HistoryEvents.OrchestratorCompleted(at));
            at = at.AddSeconds(1);
            target.Add(HistoryEvents.OrchestratorStarted(at));
            target.Add(HistoryEvents.TaskCompleted(at, i, "1"));
        }

        return request;
    }
}
