namespace Serverless.LocalHost.Durable.Storage;

/// <summary>Filters of <c>GET /instances</c>, the official ones plus name, custom-status prefix and updated range.</summary>
public sealed record InstanceQuery
{
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public string? InstanceIdPrefix { get; init; }
    public string? Name { get; init; }
    public string? CustomStatusPrefix { get; init; }
    public int Top { get; init; } = 100;
    public string? ContinuationToken { get; init; }
}

public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
