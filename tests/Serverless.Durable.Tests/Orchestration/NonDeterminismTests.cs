using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class NonDeterminismTests
{
    private static HistoryBuilder HistoryWithTask(string recordedName) =>
        new HistoryBuilder(Episodes.Start).Started("Changed", null)
            .TaskScheduled(0, "Prepare").OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(0, null)
            .TaskScheduled(1, recordedName).OrchestratorCompleted()
            .OrchestratorStarted().TaskCompleted(1, "\"x\"");

    private static void AssertNonDeterministic(OrchestratorResponse response, params string[] fragments)
    {
        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, completion.FailureDetails.ErrorType);
        Assert.True(completion.FailureDetails.IsNonRetriable);
        Assert.Single(response.Actions);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, completion.FailureDetails.ErrorMessage);
        }
    }

    [Fact]
    public void A_different_activity_name_fails_naming_the_event_the_expected_and_the_actual_action()
    {
        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("Prepare");
            return await ctx.CallActivityAsync<string>("SendLetter");
        }, HistoryWithTask("SendEmail"), pastEventCount: 8);

        AssertNonDeterministic(response, "history event 1", "ScheduleTask 'SendEmail'", "ScheduleTask 'SendLetter'");
    }

    [Fact]
    public void A_different_action_kind_is_non_deterministic()
    {
        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("Prepare");
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return "x";
        }, HistoryWithTask("SendEmail"), pastEventCount: 8);

        AssertNonDeterministic(response, "history event 1", "ScheduleTask 'SendEmail'", "CreateTimer");
    }

    [Fact]
    public void Code_that_no_longer_schedules_the_recorded_action_is_non_deterministic()
    {
        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("Prepare");
            return await ctx.WaitForExternalEvent<string>("Never");
        }, HistoryWithTask("SendEmail"), pastEventCount: 8);

        AssertNonDeterministic(response, "history event 1", "ScheduleTask 'SendEmail'", "no action with id 1");
    }

    [Fact]
    public void Activity_names_compare_case_insensitively_like_function_names()
    {
        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("prepare");
            return await ctx.CallActivityAsync<string>("SENDEMAIL");
        }, HistoryWithTask("SendEmail"), pastEventCount: 8);

        Assert.Equal(OrchestrationStatus.Completed, response.Completion().OrchestrationStatus);
    }

    [Fact]
    public void The_exception_carries_the_parts_of_its_message()
    {
        var exception = new NonDeterministicOrchestrationException(7, "CreateTimer", "SendEvent 'x'");

        Assert.Equal(7, exception.EventId);
        Assert.Equal("CreateTimer", exception.Expected);
        Assert.Equal("SendEvent 'x'", exception.Actual);
        Assert.StartsWith("Non-deterministic orchestration: history event 7 expected CreateTimer, but the orchestrator code produced SendEvent 'x'.", exception.Message);
    }
}
