using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class ContinueAsNewTests
{
    private static readonly DateTime Start = Episodes.Start;

    private static Task<int> Restart(TaskOrchestrationContext ctx, int generation, bool preserve)
    {
        ctx.ContinueAsNew(generation + 1, preserve);
        return Task.FromResult(-1);
    }

    [Fact]
    public void ContinueAsNew_completes_as_continued_with_the_new_input_and_carries_unconsumed_events()
    {
        var history = new HistoryBuilder(Start).Started("Loop", "4")
            .EventRaised("Ping", "\"a\"").EventRaised("Pong", "\"b\"");

        var response = Episodes.Run<int, int>((ctx, n) => Restart(ctx, n, preserve: true), history);

        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.ContinuedAsNew, completion.OrchestrationStatus);
        Assert.Equal("5", completion.Result);
        Assert.Equal(["Ping", "Pong"], completion.CarryoverEvents.Select(e => e.EventRaised.Name));
        Assert.Equal(["\"a\"", "\"b\""], completion.CarryoverEvents.Select(e => e.EventRaised.Input));
    }

    [Fact]
    public void Events_arriving_in_the_same_batch_after_completion_are_carried_too()
    {
        var history = new HistoryBuilder(Start).Started("Loop", "0")
            .TaskScheduled(0, "Work").OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(0, null).EventRaised("Late", "1");

        var response = Episodes.Run<int, int>(async (ctx, n) =>
        {
            await ctx.CallActivityAsync("Work");
            return await Restart(ctx, n, preserve: true);
        }, history, pastEventCount: 4);

        Assert.Equal("Late", Assert.Single(response.Completion().CarryoverEvents).EventRaised.Name);
    }

    [Fact]
    public void Without_preserve_the_unconsumed_events_are_dropped()
    {
        var history = new HistoryBuilder(Start).Started("Loop", "1").EventRaised("Ping", "\"a\"");

        var response = Episodes.Run<int, int>((ctx, n) => Restart(ctx, n, preserve: false), history);

        Assert.Empty(response.Completion().CarryoverEvents);
    }

    [Fact]
    public async Task Carried_events_reach_the_next_generation()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<int, string>("Collector", async (ctx, n) =>
        {
            if (n == 0)
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(10), CancellationToken.None);
                ctx.ContinueAsNew(1);
                return "restarting";
            }

            return await ctx.WaitForExternalEvent<string>("Note");
        });
        var runner = new InMemoryOrchestrationRunner(registry, Start).RaiseEventAt(Start.AddMinutes(1), "c", "Note", "kept");

        var result = await runner.RunAsync("Collector", 0, "c");

        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.Equal("kept", result.ReadOutput<string>());
        Assert.Equal(2, result.Generations);
    }
}
