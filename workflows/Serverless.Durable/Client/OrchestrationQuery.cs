namespace Serverless.Durable.Client;

/// <summary>Filters for listing instances; <see cref="ContinuationToken"/> continues a previous page.</summary>
public sealed record OrchestrationQuery
{
    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    public string? InstanceIdPrefix { get; init; }

    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Page size (the API's <c>top</c>).</summary>
    public int? PageSize { get; init; }

    public string? ContinuationToken { get; init; }
}

/// <summary>One page of a query; a null <see cref="ContinuationToken"/> means the last page.</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>Which instances a bulk purge removes.</summary>
public sealed record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>Options for starting an instance; a null <see cref="InstanceId"/> lets the server choose one.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null);
