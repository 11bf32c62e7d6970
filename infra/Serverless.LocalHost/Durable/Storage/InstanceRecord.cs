namespace Serverless.LocalHost.Durable.Storage;

/// <summary>One row of <c>{hub}Instances</c>: what the status API shows. Input, output and custom status are JSON text.</summary>
public sealed record InstanceRecord
{
    public required string InstanceId { get; init; }
    public required string Name { get; init; }
    public required string RuntimeStatus { get; init; }
    public string? ExecutionId { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? CustomStatus { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset LastUpdatedTime { get; init; }

    /// <summary>The history sequence this row reflects, to tell a stale row from a fresh one.</summary>
    public long Sequence { get; init; }

    public bool IsTerminal => RuntimeStatuses.IsTerminal(RuntimeStatus);
}

/// <summary>The runtime status names of the management API.</summary>
public static class RuntimeStatuses
{
    public const string Running = "Running";
    public const string Pending = "Pending";
    public const string Failed = "Failed";
    public const string Canceled = "Canceled";
    public const string Terminated = "Terminated";
    public const string Completed = "Completed";
    public const string Suspended = "Suspended";
    public const string ContinuedAsNew = "ContinuedAsNew";

    public static readonly IReadOnlyList<string> All = [Running, Pending, Failed, Canceled, Terminated, Completed, Suspended, ContinuedAsNew];

    public static bool IsTerminal(string status) => status is Completed or Failed or Terminated or Canceled;

    public static string? Normalize(string text) => All.FirstOrDefault(s => string.Equals(s, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
