using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Serverless.LocalHost.Durable.Storage;

/// <summary>Sends and receives the backend's queue messages; bodies over the inline limit travel as blob references.</summary>
public sealed class MessageQueuesClient(TaskHubNames names, QueueServiceClient queues, PayloadStore payloads)
{
    private readonly QueueClient[] _control = Enumerable.Range(0, names.PartitionCount).Select(p => queues.GetQueueClient(names.ControlQueue(p))).ToArray();
    private readonly QueueClient _workItems = queues.GetQueueClient(names.WorkItemQueue);

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in _control.Append(_workItems))
        {
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public Task SendControlAsync(ControlMessage message, CancellationToken cancellationToken) =>
        SendAsync(_control[names.PartitionOf(message.InstanceId)], message, DurableMessageJson.Default.ControlMessage, message.InstanceId, cancellationToken);

    public Task SendWorkItemAsync(WorkItemMessage message, CancellationToken cancellationToken) =>
        SendAsync(_workItems, message, DurableMessageJson.Default.WorkItemMessage, message.InstanceId, cancellationToken);

    public Task<IReadOnlyList<Received<ControlMessage>>> ReceiveControlAsync(int partition, int max, TimeSpan visibility, CancellationToken cancellationToken) =>
        ReceiveAsync(_control[partition], max, visibility, DurableMessageJson.Default.ControlMessage, cancellationToken);

    public Task<IReadOnlyList<Received<WorkItemMessage>>> ReceiveWorkItemsAsync(int max, TimeSpan visibility, CancellationToken cancellationToken) =>
        ReceiveAsync(_workItems, max, visibility, DurableMessageJson.Default.WorkItemMessage, cancellationToken);

    public Task DeleteControlAsync(int partition, Received<ControlMessage> message, CancellationToken cancellationToken) =>
        DeleteAsync(_control[partition], message.QueueMessageId, message.PopReceipt, cancellationToken);

    public Task DeleteWorkItemAsync(Received<WorkItemMessage> message, CancellationToken cancellationToken) =>
        DeleteAsync(_workItems, message.QueueMessageId, message.PopReceipt, cancellationToken);

    /// <summary>Makes a control message visible again after <paramref name="delay"/> (work that must wait for other work).</summary>
    public Task ReleaseControlAsync(int partition, Received<ControlMessage> message, TimeSpan delay, CancellationToken cancellationToken) =>
        ReleaseAsync(_control[partition], message.QueueMessageId, message.PopReceipt, delay, cancellationToken);

    public Task ReleaseWorkItemAsync(Received<WorkItemMessage> message, TimeSpan delay, CancellationToken cancellationToken) =>
        ReleaseAsync(_workItems, message.QueueMessageId, message.PopReceipt, delay, cancellationToken);

    private static async Task ReleaseAsync(QueueClient queue, string id, string popReceipt, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await queue.UpdateMessageAsync(id, popReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already visible again and taken by someone else: nothing to release.
        }
    }

    private async Task SendAsync<T>(QueueClient queue, T message, JsonTypeInfo<T> type, string hint, CancellationToken cancellationToken)
    {
        var body = await payloads.OffloadAsync(JsonSerializer.Serialize(message, type), hint, cancellationToken);
        await queue.SendMessageAsync(body, cancellationToken: cancellationToken);
    }

    private async Task<IReadOnlyList<Received<T>>> ReceiveAsync<T>(QueueClient queue, int max, TimeSpan visibility, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken)).Value;
        var received = new List<Received<T>>(messages.Length);
        foreach (var message in messages)
        {
            var text = await payloads.ResolveAsync(message.MessageText, cancellationToken);
            var parsed = JsonSerializer.Deserialize(text!, type)!;
            received.Add(new Received<T>(parsed, message.MessageId, message.PopReceipt, message.DequeueCount));
        }
        return received;
    }

    private static async Task DeleteAsync(QueueClient queue, string id, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(id, popReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // The visibility ran out and another worker holds it now; it will be dropped as a duplicate there.
        }
    }
}
