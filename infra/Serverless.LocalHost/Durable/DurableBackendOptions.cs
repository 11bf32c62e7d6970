namespace Serverless.LocalHost.Durable;

/// <summary>Tuning of the durable backend; the defaults suit one developer machine.</summary>
public sealed record DurableBackendOptions
{
    /// <summary>How many control queues (and partition leases) instances are spread over.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>How long a received message stays invisible; a crashed worker's messages come back after this.</summary>
    public TimeSpan MessageVisibility { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a partition lease lasts without renewal; another host takes the partition over after this.</summary>
    /// <summary>How long a partition lease lasts without renewal (renewed every third of it); another host takes a dead host's partitions over after this.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The longest a partition waits between looks at its queue when other host processes share the task hub.</summary>
    public TimeSpan MaxIdlePoll { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The same when this process is alone on the task hub: all its work is signalled locally, polling is a safety net.</summary>
    public TimeSpan MaxIdlePollAlone { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How many activities one host runs at once.</summary>
    public int MaxConcurrentActivities { get; init; } = 16;

    /// <summary>How many orchestration episodes one partition runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 16;

    /// <summary>Longest a single bulk purge request works before answering (the caller repeats it to continue).</summary>
    public TimeSpan PurgeTimeBudget { get; init; } = TimeSpan.FromSeconds(20);
}
