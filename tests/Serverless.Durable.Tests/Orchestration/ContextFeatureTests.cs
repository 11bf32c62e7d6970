using Microsoft.Extensions.Logging;
using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class ContextFeatureTests
{
    [Fact]
    public void SetCustomStatus_is_returned_as_json_in_the_response()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Status", null);

        var response = Episodes.Run<object?, string>((ctx, _) =>
        {
            ctx.SetCustomStatus(new { Step = "review", Percent = 40 });
            return ctx.WaitForExternalEvent<string>("done");
        }, history);

        Assert.Equal("{\"Step\":\"review\",\"Percent\":40}", response.CustomStatus);
    }

    [Fact]
    public void A_custom_status_over_16_KB_is_an_error()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Status", null);

        var response = Episodes.Run<object?, string>((ctx, _) =>
        {
            ctx.SetCustomStatus(new string('x', 16 * 1024 - 2));
            string accepted = "16384 bytes accepted";
            ctx.SetCustomStatus(new string('x', 16 * 1024 - 1));
            return Task.FromResult(accepted);
        }, history);

        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Equal(typeof(ArgumentException).FullName, completion.FailureDetails.ErrorType);
        Assert.Contains("16385 bytes", completion.FailureDetails.ErrorMessage);
        Assert.Equal(16 * 1024, response.CustomStatus.Length);
    }

    [Fact]
    public async Task SendEvent_emits_a_send_event_action_to_the_target_instance()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Notifier", null);
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, string>("Notifier", (ctx, _) =>
        {
            ctx.SendEvent("case-7", "DocumentsReceived", new { Count = 2 });
            return Task.FromResult("sent");
        });

        var response = Episodes.Run<object?, string>((ctx, _) =>
        {
            ctx.SendEvent("case-7", "DocumentsReceived", new { Count = 2 });
            return Task.FromResult("sent");
        }, history);
        var run = await new InMemoryOrchestrationRunner(registry).RunAsync("Notifier");

        var send = response.Actions[0].SendEvent;
        Assert.Equal("case-7", send.Instance.InstanceId);
        Assert.Equal("DocumentsReceived", send.Name);
        Assert.Equal("{\"Count\":2}", send.Data);
        Assert.Equal(OrchestrationStatus.Completed, response.Completion().OrchestrationStatus);
        Assert.Equal(new SentEvent(HistoryBuilder.DefaultInstanceId, "case-7", "DocumentsReceived", "{\"Count\":2}", run.FinishedAt),
            Assert.Single(run.SentEvents));
        Assert.Equal(0, Assert.Single(run.History, e => e.EventSent is not null).EventId);
    }

    [Fact]
    public void NewGuid_is_a_version_5_uuid_that_repeats_on_replay_and_differs_per_call()
    {
        var history = new HistoryBuilder(Episodes.Start, "instance-a").Started("Ids", null);
        Task<Guid[]> Ids(TaskOrchestrationContext ctx, object? _) => Task.FromResult(new[] { ctx.NewGuid(), ctx.NewGuid() });

        string first = Episodes.Run<object?, Guid[]>(Ids, history).Completion().Result;
        string again = Episodes.Run<object?, Guid[]>(Ids, history).Completion().Result;
        string otherInstance = Episodes.Run<object?, Guid[]>(Ids, new HistoryBuilder(Episodes.Start, "instance-b").Started("Ids", null))
            .Completion().Result;

        var guids = System.Text.Json.JsonSerializer.Deserialize<Guid[]>(first)!;
        Assert.Equal(first, again);
        Assert.NotEqual(guids[0], guids[1]);
        Assert.NotEqual(first, otherInstance);
        Assert.All(guids, g => Assert.Equal('5', g.ToString()[14]));
    }

    [Fact]
    public void Name_based_guid_matches_the_RFC_4122_version_5_reference_value()
    {
        // uuid5(NAMESPACE_DNS, "python.org"), the example in Python's uuid documentation.
        var guid = NameBasedGuid.Create(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), guid);
    }

    [Fact]
    public void IsReplaying_is_true_for_past_events_and_false_for_new_ones()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Replay", null)
            .TaskScheduled(0, "A").OrchestratorCompleted().OrchestratorStarted().TaskCompleted(0, null);
        var seen = new List<bool>();

        Episodes.Run<object?, int>(async (ctx, _) =>
        {
            seen.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync("A");
            seen.Add(ctx.IsReplaying);
            return 0;
        }, history, pastEventCount: 4);

        Assert.Equal([true, false], seen);
    }

    [Fact]
    public void CurrentUtcDateTime_follows_the_latest_OrchestratorStarted_event()
    {
        var later = Episodes.Start.AddMinutes(30);
        var history = new HistoryBuilder(Episodes.Start).Started("Clock", null)
            .TaskScheduled(0, "A").OrchestratorCompleted().At(later).OrchestratorStarted().TaskCompleted(0, null);
        var seen = new List<DateTime>();

        Episodes.Run<object?, int>(async (ctx, _) =>
        {
            seen.Add(ctx.CurrentUtcDateTime);
            await ctx.CallActivityAsync("A");
            seen.Add(ctx.CurrentUtcDateTime);
            return 0;
        }, history, pastEventCount: 4);

        Assert.Equal([Episodes.Start, later], seen);
    }

    [Fact]
    public void Replay_safe_logger_writes_only_outside_replay()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Logs", null)
            .TaskScheduled(0, "A").OrchestratorCompleted().OrchestratorStarted().TaskCompleted(0, null);
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink));

        new OrchestrationExecutor(loggerFactory: factory).Execute(history.ToRequest(4),
            new FuncTaskOrchestrator<object?, int>(async (ctx, _) =>
            {
                var logger = ctx.CreateReplaySafeLogger("Workflow");
                logger.LogInformation("before activity");
                await ctx.CallActivityAsync("A");
                logger.LogInformation("after activity");
                ctx.CreateReplaySafeLogger<ContextFeatureTests>().LogInformation("typed");
                ctx.CreateReplaySafeLogger(factory.CreateLogger("Wrapped")).LogInformation("wrapped");
                return 0;
            }));

        Assert.Equal(["Workflow: after activity", $"{typeof(ContextFeatureTests).FullName}: typed", "Wrapped: wrapped"], sink.Lines);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Add($"{category}: {formatter(state, exception)}");
        }
    }
}
