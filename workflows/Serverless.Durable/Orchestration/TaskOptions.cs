namespace Serverless.Durable.Orchestration;

/// <summary>Options for scheduling an activity or sub-orchestration.</summary>
public record TaskOptions(TaskRetryOptions? Retry = null)
{
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>Options for a sub-orchestration; <see cref="InstanceId"/> null means a deterministic new id.</summary>
public record SubOrchestrationOptions(TaskRetryOptions? Retry = null, string? InstanceId = null) : TaskOptions(Retry);

/// <summary>How a task is retried; wraps a <see cref="RetryPolicy"/>.</summary>
public sealed record TaskRetryOptions(RetryPolicy Policy)
{
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);
}
