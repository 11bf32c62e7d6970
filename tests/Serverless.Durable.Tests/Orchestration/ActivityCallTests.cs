using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class ActivityCallTests
{
    private static Task<string> Greet(TaskOrchestrationContext context, string name) =>
        context.CallActivityAsync<string>("SayHello", name);

    [Fact]
    public void First_episode_schedules_the_activity_with_json_input_and_id_zero()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Greeter", "\"Tokyo\"");

        var response = Episodes.Run<string, string>(Greet, history);

        var action = Assert.Single(response.Actions);
        Assert.Equal(0, action.Id);
        Assert.Equal("SayHello", action.ScheduleTask.Name);
        Assert.Equal("\"Tokyo\"", action.ScheduleTask.Input);
        Assert.Null(response.CompletionOrNull());
        Assert.Equal(HistoryBuilder.DefaultInstanceId, response.InstanceId);
    }

    [Fact]
    public void Completed_activity_result_becomes_the_orchestration_output()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Greeter", "\"Tokyo\"")
            .TaskScheduled(0, "SayHello", "\"Tokyo\"").OrchestratorCompleted()
            .Advance(TimeSpan.FromSeconds(3)).OrchestratorStarted().TaskCompleted(0, "\"Hello Tokyo\"");

        var response = Episodes.Run<string, string>(Greet, history, pastEventCount: 4);

        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.Completed, completion.OrchestrationStatus);
        Assert.Equal("\"Hello Tokyo\"", completion.Result);
        Assert.Single(response.Actions);
    }

    [Fact]
    public async Task A_chain_of_activities_gets_consecutive_ids_and_returns_the_last_result()
    {
        var registry = new Serverless.Durable.Hosting.DurableFunctionRegistry()
            .AddActivityFunc<int, int>("Double", (_, n) => Task.FromResult(n * 2))
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
            {
                int a = await ctx.CallActivityAsync<int>("Double", n);
                int b = await ctx.CallActivityAsync<int>("Double", a);
                return await ctx.CallActivityAsync<int>("Double", b);
            });

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Chain", 3);

        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.Equal(24, result.ReadOutput<int>());
        Assert.Equal([0, 1, 2], result.History.Where(e => e.TaskScheduled is not null).Select(e => e.EventId));
    }

    [Fact]
    public void Untyped_CallActivityAsync_completes_on_a_null_result()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Fire", null)
            .TaskScheduled(0, "Notify").OrchestratorCompleted().OrchestratorStarted().TaskCompleted(0, null);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("Notify");
            return "done";
        }, history, pastEventCount: 4);

        Assert.Equal("\"done\"", response.Completion().Result);
    }

    [Fact]
    public void Activity_failure_surfaces_as_TaskFailedException_with_the_failure_details()
    {
        var failure = new TaskFailureDetails("System.TimeoutException", "mail server slow", "at Send()");
        var history = new HistoryBuilder(Episodes.Start).Started("Mailer", null)
            .TaskScheduled(0, "SendMail").OrchestratorCompleted().OrchestratorStarted().TaskFailed(0, failure);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync("SendMail");
                return "sent";
            }
            catch (TaskFailedException e)
            {
                return $"{e.TaskName}#{e.TaskId}:{e.FailureDetails.ErrorType}:{e.FailureDetails.ErrorMessage}:{e.FailureDetails.IsCausedBy<TimeoutException>()}";
            }
        }, history, pastEventCount: 4);

        Assert.Equal("\"SendMail#0:System.TimeoutException:mail server slow:True\"", response.Completion().Result);
    }

    [Fact]
    public void Input_name_instance_and_time_come_from_the_history()
    {
        var history = new HistoryBuilder(Episodes.Start, "case-42").Started("Inspect", "{\"count\":7}");

        var response = Episodes.Run<Payload, string>((ctx, input) => Task.FromResult(
            $"{ctx.Name.Name}|{ctx.InstanceId}|{input.Count}|{ctx.GetInput<Payload>()!.Count}|{ctx.CurrentUtcDateTime:O}|{ctx.Parent is null}"),
            history);

        Assert.Equal($"\"Inspect|case-42|7|7|{Episodes.Start:O}|True\"", response.Completion().Result);
    }

    [Fact]
    public void Value_type_input_defaults_when_the_history_has_no_input()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Count", null);

        var response = Episodes.Run<int, int>((_, n) => Task.FromResult(n + 1), history);

        Assert.Equal("1", response.Completion().Result);
    }

    public sealed record Payload(int Count);
}
