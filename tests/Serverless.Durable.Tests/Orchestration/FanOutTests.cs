using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class FanOutTests
{
    [Fact]
    public void WhenAll_schedules_every_branch_in_one_episode()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("FanOut", "[1,2,3,4,5]");

        var response = Episodes.Run<int[], int>(async (ctx, items) =>
            (await Task.WhenAll(items.Select(i => ctx.CallActivityAsync<int>("Square", i)))).Sum(), history);

        Assert.Equal([0, 1, 2, 3, 4], response.Actions.Select(a => a.Id));
        Assert.Equal(["1", "2", "3", "4", "5"], response.Actions.Select(a => a.ScheduleTask.Input));
    }

    [Fact]
    public void WhenAll_fans_in_when_results_arrive_out_of_order()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("FanOut", "[1,2,3]")
            .TaskScheduled(0, "Square", "1").TaskScheduled(1, "Square", "2").TaskScheduled(2, "Square", "3")
            .OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(2, "9").OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(0, "1").TaskCompleted(1, "4");

        var response = Episodes.Run<int[], string>(async (ctx, items) =>
            string.Join(",", await Task.WhenAll(items.Select(i => ctx.CallActivityAsync<int>("Square", i)))),
            history, pastEventCount: 9);

        Assert.Equal("\"1,4,9\"", response.Completion().Result);
    }

    [Fact]
    public void WhenAny_continues_with_the_first_completed_task()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Race", null)
            .TaskScheduled(0, "Slow").TaskScheduled(1, "Fast").OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(1, "\"fast\"");

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            var slow = ctx.CallActivityAsync<string>("Slow");
            var fast = ctx.CallActivityAsync<string>("Fast");
            var winner = await Task.WhenAny(slow, fast);
            return await winner;
        }, history, pastEventCount: 5);

        Assert.Equal("\"fast\"", response.Completion().Result);
    }

    [Fact]
    public async Task Fan_out_and_fan_in_through_the_in_memory_runner()
    {
        var registry = new DurableFunctionRegistry()
            .AddActivityFunc<int, int>("Square", (_, n) => Task.FromResult(n * n))
            .AddOrchestratorFunc<int, int>("SumOfSquares", async (ctx, count) =>
                (await Task.WhenAll(Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Square", i)))).Sum());

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("SumOfSquares", 10);

        Assert.Equal(385, result.ReadOutput<int>());
        Assert.Equal(2, result.Episodes);
    }
}
