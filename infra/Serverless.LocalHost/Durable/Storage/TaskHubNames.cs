namespace Serverless.LocalHost.Durable.Storage;

/// <summary>Names of a task hub's tables, queues and blob container (tables: alphanumeric; queues, containers: lower case).</summary>
public sealed class TaskHubNames(string hubName, int partitionCount)
{
    private readonly string _lower = hubName.ToLowerInvariant();

    public string Hub => hubName;

    public int PartitionCount => partitionCount;

    public string InstancesTable => hubName + "Instances";

    public string HistoryTable => hubName + "History";

    public string TimersTable => hubName + "Timers";

    public string PartitionsTable => hubName + "Partitions";

    public string WorkItemQueue => _lower + "-workitems";

    public string LargeMessagesContainer => _lower + "-largemessages";

    public string ControlQueue(int partition) => $"{_lower}-control-{partition:D2}";

    /// <summary>A stable partition for an instance id (FNV-1a, so every process agrees).</summary>
    public int PartitionOf(string instanceId)
    {
        uint hash = 2166136261;
        foreach (char c in instanceId)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)(hash % (uint)partitionCount);
    }
}
