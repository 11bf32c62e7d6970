using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class RetryTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>An activity that fails its first <paramref name="failures"/> calls with <typeparamref name="TException"/>.</summary>
    private static DurableFunctionRegistry Flaky<TException>(int failures, RetryPolicy policy, List<int> calls)
        where TException : Exception, new() =>
        new DurableFunctionRegistry()
            .AddActivityFunc<object?, string>("Flaky", (_, _) =>
            {
                calls.Add(calls.Count + 1);
                if (calls.Count <= failures)
                {
                    throw new TException();
                }

                return Task.FromResult($"ok after {calls.Count}");
            })
            .AddOrchestratorFunc<object?, string>("Caller", (ctx, _) =>
                ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(policy)));

    private static List<TimeSpan> TimerDelays(OrchestrationRunResult result) =>
        result.History.Where(e => e.TimerCreated is not null)
            .Select(e => e.TimerCreated.FireAt.ToDateTime() - e.Timestamp.ToDateTime())
            .ToList();

    [Fact]
    public async Task Retries_wait_with_exponential_backoff_on_durable_timers()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);

        var result = await new InMemoryOrchestrationRunner(Flaky<InvalidOperationException>(3, policy, calls), Start)
            .RunAsync("Caller");

        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.Equal("ok after 4", result.ReadOutput<string>());
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)], TimerDelays(result));
        Assert.Equal(Start.AddSeconds(70), result.FinishedAt);
    }

    [Fact]
    public async Task Backoff_is_capped_by_the_max_retry_interval()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(10), 3.0, maxRetryInterval: TimeSpan.FromSeconds(25));

        var result = await new InMemoryOrchestrationRunner(Flaky<InvalidOperationException>(4, policy, calls), Start)
            .RunAsync("Caller");

        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.Equal(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(25)],
            TimerDelays(result));
    }

    [Fact]
    public async Task Exhausted_attempts_fail_the_orchestration_with_the_last_failure_as_inner()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(3, TimeSpan.FromMinutes(1));

        var result = await new InMemoryOrchestrationRunner(Flaky<InvalidOperationException>(10, policy, calls), Start)
            .RunAsync("Caller");

        Assert.Equal(OrchestrationStatus.Failed, result.Status);
        Assert.Equal(3, calls.Count);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails.InnerFailureDetails!.ErrorType);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)], TimerDelays(result));
    }

    [Fact]
    public async Task Retry_timeout_stops_retrying_when_the_next_wait_would_pass_it()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(10), 2.0, retryTimeout: TimeSpan.FromSeconds(45));

        var result = await new InMemoryOrchestrationRunner(Flaky<InvalidOperationException>(10, policy, calls), Start)
            .RunAsync("Caller");

        // waits 10 s and 20 s (t = 30 s); the next 40 s wait would end at 70 s > 45 s.
        Assert.Equal(OrchestrationStatus.Failed, result.Status);
        Assert.Equal(3, calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], TimerDelays(result));
    }

    [Fact]
    public async Task HandleFailure_filter_rejects_failures_it_does_not_want_to_retry()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1))
        {
            HandleFailure = failure => failure.IsCausedBy<TimeoutException>(),
        };

        var result = await new InMemoryOrchestrationRunner(Flaky<ArgumentException>(10, policy, calls), Start)
            .RunAsync("Caller");

        Assert.Equal(OrchestrationStatus.Failed, result.Status);
        Assert.Single(calls);
        Assert.Empty(TimerDelays(result));
    }

    [Fact]
    public async Task HandleFailure_filter_matches_subclasses_of_the_exception_type()
    {
        var calls = new List<int>();
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1))
        {
            HandleFailure = failure => failure.IsCausedBy<ArgumentException>(),
        };

        var result = await new InMemoryOrchestrationRunner(Flaky<ArgumentNullException>(2, policy, calls), Start)
            .RunAsync("Caller");

        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public void Non_retriable_failures_are_not_retried()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1));
        var failure = new TaskFailureDetails("X", "no", IsNonRetriable: true);

        Assert.Null(policy.NextDelay(1, Start, Start, failure));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.NextDelay(1, Start, Start, failure with { IsNonRetriable = false }));
    }

    [Theory]
    [InlineData(0, 10, 1.0, null, null)]
    [InlineData(1, 0, 1.0, null, null)]
    [InlineData(1, 10, 0.5, null, null)]
    [InlineData(1, 10, 1.0, 5, null)]
    [InlineData(1, 10, 1.0, null, 5)]
    public void Invalid_policies_are_rejected(int attempts, int firstSeconds, double coefficient, int? maxSeconds, int? timeoutSeconds)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RetryPolicy(
            attempts,
            TimeSpan.FromSeconds(firstSeconds),
            coefficient,
            maxSeconds is null ? null : TimeSpan.FromSeconds(maxSeconds.Value),
            timeoutSeconds is null ? null : TimeSpan.FromSeconds(timeoutSeconds.Value)));
    }

    [Fact]
    public void Policy_defaults_match_the_durable_task_defaults()
    {
        var policy = new RetryPolicy(2, TimeSpan.FromSeconds(5));

        Assert.Equal(1.0, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromHours(1), policy.MaxRetryInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, policy.RetryTimeout);
        Assert.True(policy.HandleFailure(new TaskFailureDetails("Any", "thing")));
        TaskRetryOptions fromPolicy = policy;
        Assert.Same(policy, fromPolicy.Policy);
    }
}
