namespace Serverless.Durable.Orchestration;

/// <summary>Declarative retry for activities and sub-orchestrations; the waits are durable timers.</summary>
public sealed class RetryPolicy
{
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        var maxInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInterval, firstRetryInterval, nameof(maxRetryInterval));
        var timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(timeout, firstRetryInterval, nameof(retryTimeout));
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxInterval;
        RetryTimeout = timeout;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Total time budget measured from the first attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from the failure whether another attempt is worth it; all failures by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>The wait before attempt <paramref name="failedAttempt"/> + 1, or null to give up.</summary>
    internal TimeSpan? NextDelay(int failedAttempt, DateTime firstAttemptAt, DateTime now, TaskFailureDetails failure)
    {
        if (failedAttempt >= MaxNumberOfAttempts || failure.IsNonRetriable || !HandleFailure(failure))
        {
            return null;
        }

        double ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempt - 1);
        var delay = ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
        if (RetryTimeout != Timeout.InfiniteTimeSpan && now + delay > firstAttemptAt + RetryTimeout)
        {
            return null;
        }

        return delay;
    }
}
