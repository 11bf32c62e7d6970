using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class FailureTests
{
    [Fact]
    public void An_exception_completes_the_orchestration_as_failed_with_type_message_stack_and_inner()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Thrower", null);

        var response = Episodes.Run<object?, string>(
            (_, _) => throw new InvalidOperationException("outer", new ArgumentException("inner cause")), history);

        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Equal("System.InvalidOperationException", completion.FailureDetails.ErrorType);
        Assert.Equal("outer", completion.FailureDetails.ErrorMessage);
        Assert.Contains(nameof(An_exception_completes_the_orchestration_as_failed_with_type_message_stack_and_inner), completion.FailureDetails.StackTrace);
        Assert.Equal("System.ArgumentException", completion.FailureDetails.InnerFailure.ErrorType);
        Assert.Equal("inner cause", completion.FailureDetails.InnerFailure.ErrorMessage);
        Assert.False(completion.FailureDetails.IsNonRetriable);
    }

    [Fact]
    public void An_exception_after_an_await_also_fails_the_orchestration()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Thrower", null)
            .TaskScheduled(0, "Step").OrchestratorCompleted().OrchestratorStarted().TaskCompleted(0, "0");

        var response = Episodes.Run<object?, int>(async (ctx, _) =>
        {
            int zero = await ctx.CallActivityAsync<int>("Step");
            return 1 / zero;
        }, history, pastEventCount: 4);

        Assert.Equal("System.DivideByZeroException", response.Completion().FailureDetails.ErrorType);
    }

    [Fact]
    public void Undeserializable_input_fails_the_orchestration_instead_of_throwing()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Typed", "\"not a number\"");

        var response = Episodes.Run<int, int>((_, n) => Task.FromResult(n), history);

        Assert.Equal("System.Text.Json.JsonException", response.Completion().FailureDetails.ErrorType);
    }

    [Fact]
    public void Terminated_event_completes_as_terminated_with_the_reason()
    {
        var history = new HistoryBuilder(Episodes.Start).Started("Long", null).OrchestratorCompleted()
            .OrchestratorStarted().Terminated("\"operator stop\"");

        var response = Episodes.Run<object?, string>(
            (ctx, _) => ctx.WaitForExternalEvent<string>("never"), history, pastEventCount: 3);

        var completion = response.Completion();
        Assert.Equal(OrchestrationStatus.Terminated, completion.OrchestrationStatus);
        Assert.Equal("\"operator stop\"", completion.Result);
    }

    [Fact]
    public void Events_are_held_while_suspended_and_delivered_on_resume()
    {
        var suspended = new HistoryBuilder(Episodes.Start).Started("Wait", null).OrchestratorCompleted()
            .OrchestratorStarted().Suspended().EventRaised("go", "1");
        var resumed = new HistoryBuilder(Episodes.Start).Started("Wait", null).OrchestratorCompleted()
            .OrchestratorStarted().Suspended().EventRaised("go", "1").Resumed();
        Task<int> Wait(TaskOrchestrationContext ctx, object? _) => ctx.WaitForExternalEvent<int>("go");

        Assert.Empty(Episodes.Run<object?, int>(Wait, suspended, pastEventCount: 3).Actions);
        Assert.Equal("1", Episodes.Run<object?, int>(Wait, resumed, pastEventCount: 3).Completion().Result);
    }

    [Fact]
    public void TaskFailureDetails_round_trip_through_the_protocol_message()
    {
        var details = new TaskFailureDetails("A", "a", "stack", new TaskFailureDetails("B", "b"), IsNonRetriable: true);

        Assert.Equal(details, TaskFailureDetails.FromProto(details.ToProto()));
        Assert.Null(TaskFailureDetails.FromProto(null));
    }

    [Fact]
    public void IsCausedBy_knows_exact_types_subclasses_and_unknown_names()
    {
        var details = TaskFailureDetails.FromException(new ArgumentNullException("x"));

        Assert.True(details.IsCausedBy<ArgumentNullException>());
        Assert.True(details.IsCausedBy<ArgumentException>());
        Assert.False(details.IsCausedBy<InvalidOperationException>());
        Assert.False(new TaskFailureDetails("No.Such.Type", "?").IsCausedBy<Exception>());
    }
}
