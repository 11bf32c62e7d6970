using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Testing;

public class ReplayKitTests
{
    private static DurableFunctionRegistry Registry(string secondActivity = "Notify") => new DurableFunctionRegistry()
        .AddActivityFunc<string, string>("Lookup", (_, id) => Task.FromResult($"case {id}"))
        .AddActivityFunc<string, string>("Notify", (_, text) => Task.FromResult($"sent {text}"))
        .AddActivityFunc<string, string>("Letter", (_, text) => Task.FromResult($"mailed {text}"))
        .AddOrchestratorFunc<string, string>("Intake", async (ctx, id) =>
        {
            string found = await ctx.CallActivityAsync<string>("Lookup", id);
            await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
            string decision = await ctx.WaitForExternalEvent<string>("Decision");
            return await ctx.CallActivityAsync<string>(secondActivity, $"{found}: {decision}");
        });

    private static async Task<StoredHistory> RecordIntake()
    {
        var start = new DateTime(2026, 2, 2, 9, 0, 0, DateTimeKind.Utc);
        var run = await new InMemoryOrchestrationRunner(Registry(), start)
            .RaiseEventAt(start.AddHours(30), "intake-1", "Decision", "approved")
            .RunAsync("Intake", "42", "intake-1");
        Assert.Equal("sent case 42: approved", run.ReadOutput<string>());
        return new StoredHistory(run.InstanceId, run.History);
    }

    [Fact]
    public async Task A_recorded_history_survives_the_json_file_format()
    {
        var history = await RecordIntake();

        var reloaded = HistoryJson.Deserialize(HistoryJson.Serialize(history));

        Assert.Equal("intake-1", reloaded.InstanceId);
        Assert.Equal("Intake", reloaded.OrchestratorName);
        Assert.Equal(history.Events, reloaded.Events);
        Assert.Contains("\"taskScheduled\"", HistoryJson.Serialize(history));
    }

    [Fact]
    public async Task Replaying_a_recorded_history_with_unchanged_code_is_deterministic()
    {
        var history = await RecordIntake();

        var outcome = ReplayVerifier.Replay(Registry(), history);

        Assert.True(outcome.IsDeterministic, outcome.Problem);
        Assert.Equal(OrchestrationStatus.Completed, Assert.Single(outcome.Response.Actions).CompleteOrchestration.OrchestrationStatus);
    }

    [Fact]
    public async Task Changed_code_is_caught_with_a_message_naming_the_event()
    {
        var history = await RecordIntake();

        var outcome = ReplayVerifier.Replay(Registry(secondActivity: "Letter"), history);

        Assert.False(outcome.IsDeterministic);
        Assert.Contains("history event 2", outcome.Problem);
        Assert.Contains("ScheduleTask 'Notify'", outcome.Problem);
        Assert.Contains("ScheduleTask 'Letter'", outcome.Problem);
    }

    [Fact]
    public void Code_that_does_more_than_the_history_recorded_is_caught()
    {
        var history = new HistoryBuilder(Episodes2.Start).Started("Extra", null)
            .TaskScheduled(0, "A").OrchestratorCompleted();
        var orchestrator = new FuncTaskOrchestrator<object?, int>(async (ctx, _) =>
        {
            await Task.WhenAll(ctx.CallActivityAsync("A"), ctx.CallActivityAsync("B"));
            return 0;
        });

        var outcome = ReplayVerifier.Replay(orchestrator, new StoredHistory("x", history.Events));

        Assert.Contains("ScheduleTask 'B' (id 1)", outcome.Problem);
    }

    [Fact]
    public void Code_that_ends_differently_than_the_history_is_caught()
    {
        var history = new HistoryBuilder(Episodes2.Start).Started("Ends", null).OrchestratorCompleted()
            .Add(HistoryEvents.ExecutionCompleted(Episodes2.Start, new CompleteOrchestrationAction { OrchestrationStatus = OrchestrationStatus.Completed }));
        var orchestrator = new FuncTaskOrchestrator<object?, int>((_, _) => throw new InvalidOperationException("now it fails"));

        var outcome = ReplayVerifier.Replay(orchestrator, new StoredHistory("x", history.Events));

        Assert.Contains("ended as Completed, but the code ended as Failed", outcome.Problem);
    }

    [Fact]
    public async Task A_directory_of_stored_histories_is_replayed_file_by_file()
    {
        string directory = Directory.CreateTempSubdirectory("histories-").FullName;
        try
        {
            var history = await RecordIntake();
            HistoryJson.Save(Path.Combine(directory, "intake.json"), history);
            HistoryJson.Save(Path.Combine(directory, "unknown.json"),
                new StoredHistory("u", new HistoryBuilder(Episodes2.Start).Started("Retired", null).Events));

            var outcomes = ReplayVerifier.ReplayDirectory(Registry(), directory);

            Assert.Equal(2, outcomes.Count);
            Assert.True(outcomes[0].Outcome.IsDeterministic);
            Assert.Contains("No orchestrator named 'Retired'", outcomes[1].Outcome.Problem);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task The_runner_reports_running_when_nothing_can_wake_the_orchestrator()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, string>("Waits", (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            return ctx.WaitForExternalEvent<string>("Never");
        });

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Waits");

        Assert.Equal(OrchestrationStatus.Running, result.Status);
        Assert.Equal("waiting", result.ReadCustomStatus<string>());
    }

    [Fact]
    public async Task The_runner_stops_a_runaway_orchestration_at_the_episode_limit()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, int>("Forever", async (ctx, _) =>
        {
            while (true)
            {
                await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            }
        });

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new InMemoryOrchestrationRunner(registry, maxEpisodes: 50).RunAsync("Forever"));
    }

    [Fact]
    public async Task The_runner_fails_a_call_to_an_unregistered_activity()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, string>("Calls", (ctx, _) =>
            ctx.CallActivityAsync<string>("Missing"));

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Calls");

        Assert.Equal(OrchestrationStatus.Failed, result.Status);
        Assert.Equal("ActivityNotFound", result.FailureDetails!.InnerFailureDetails!.ErrorType);
    }

    [Fact]
    public void HistoryBuilder_splits_past_and_new_events()
    {
        var builder = new HistoryBuilder(Episodes2.Start, "b").Started("X", null).OrchestratorCompleted().OrchestratorStarted();

        var request = builder.ToRequest(3);
        var replay = builder.ToRequest(allPast: true);

        Assert.Equal("b", request.InstanceId);
        Assert.Equal(3, request.PastEvents.Count);
        Assert.Single(request.NewEvents);
        Assert.Equal(4, replay.PastEvents.Count);
        Assert.Empty(replay.NewEvents);
    }

    private static class Episodes2
    {
        public static readonly DateTime Start = new(2026, 2, 2, 9, 0, 0, DateTimeKind.Utc);
    }
}
