using Serverless.Durable.Orchestration;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class SchedulerTests
{
    [Fact]
    public void Orchestrator_code_runs_only_on_the_thread_that_calls_the_executor()
    {
        var start = Episodes.Start;
        var history = new HistoryBuilder(start).Started("Threads", null)
            .TaskScheduled(0, "A").TimerCreated(1, start.AddHours(1)).OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(0, "1");
        var threads = new List<int>();

        var response = Episodes.Run<object?, int>(async (ctx, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.WhenAny(ctx.CallActivityAsync<int>("A"), ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None));
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            return threads.Count;
        }, history, pastEventCount: 6);

        Assert.Equal("3", response.Completion().Result);
        Assert.All(threads, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Fact]
    public void The_callers_synchronization_context_is_restored()
    {
        var before = SynchronizationContext.Current;
        var history = new HistoryBuilder(Episodes.Start).Started("Any", null);

        Episodes.Run<object?, int>((_, _) => Task.FromResult(1), history);

        Assert.Same(before, SynchronizationContext.Current);
    }

    [Fact]
    public void The_same_history_always_yields_the_same_response()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("FanOut", "[3,1,2]");
        async Task<int> FanOut(TaskOrchestrationContext ctx, int[] items) =>
            (await Task.WhenAll(items.Select(i => ctx.CallActivityAsync<int>($"Work{i}", ctx.NewGuid())))).Sum();

        var first = Episodes.Run<int[], int>(FanOut, history);
        var second = Episodes.Run<int[], int>(FanOut, history);

        Assert.Equal(first, second);
        Assert.Equal(3, first.Actions.Count);
    }
}
