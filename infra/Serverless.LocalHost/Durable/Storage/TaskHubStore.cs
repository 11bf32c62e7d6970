using Azure.Data.Tables;
using Serverless.Storage;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>Everything a task hub keeps in Azure Storage, created on first use.</summary>
public sealed class TaskHubStore
{
    private readonly StorageClients _clients;
    private readonly TableClient _instancesTable;

    public TaskHubStore(StorageClients clients, TaskHubNames names)
    {
        _clients = clients;
        Names = names;
        var container = clients.Container(names.LargeMessagesContainer);
        Payloads = new PayloadStore(container);
        _instancesTable = clients.Table(names.InstancesTable);
        Instances = new InstanceStore(_instancesTable, Payloads);
        History = new HistoryStore(clients.Table(names.HistoryTable), Payloads);
        Timers = new TimerStore(clients.Table(names.TimersTable));
        Queues = new MessageQueuesClient(names, clients.Queues(), Payloads);
    }

    public TaskHubNames Names { get; }
    public PayloadStore Payloads { get; }
    public InstanceStore Instances { get; }
    public HistoryStore History { get; }
    public TimerStore Timers { get; }
    public MessageQueuesClient Queues { get; }

    public TableClient PartitionsTable => _clients.Table(Names.PartitionsTable);

    /// <summary>Raised when this process adds a timer, with its partition and due time (the dispatcher sleeps until the earliest).</summary>
    public event Action<int, DateTimeOffset>? TimerCreated;

    public void TimerAdded(int partition, DateTimeOffset fireAt) => TimerCreated?.Invoke(partition, fireAt);

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        await _clients.Container(Names.LargeMessagesContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in new[] { Names.InstancesTable, Names.HistoryTable, Names.TimersTable, Names.PartitionsTable })
        {
            await _clients.Table(table).CreateIfNotExistsAsync(cancellationToken);
        }
        await Queues.CreateAsync(cancellationToken);
    }

    /// <summary>Brings the instance row up to date with a checkpoint (merge: name, created time and input stay unless given).</summary>
    public async Task UpdateInstanceAsync(string instanceId, string name, string status, string? executionId, string? newInput, string? output, string? customStatus, long sequence, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(instanceId, InstanceStore.RowKeyOf(instanceId))
        {
            ["Name"] = name,
            ["RuntimeStatus"] = status,
            ["ExecutionId"] = executionId,
            ["Output"] = await Payloads.OffloadAsync(output ?? "null", instanceId, cancellationToken),
            ["CustomStatus"] = await Payloads.OffloadAsync(customStatus ?? "null", instanceId, cancellationToken),
            ["CustomStatusText"] = InstanceStore.CustomStatusText(customStatus),
            ["Sequence"] = sequence,
        };
        if (newInput is not null)
        {
            entity["Input"] = await Payloads.OffloadAsync(newInput, instanceId, cancellationToken);
        }
        entity["LastUpdatedTime"] = Clock.GetUtcNow();
        await _instancesTable.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
