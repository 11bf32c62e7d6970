using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Serverless.Storage;

namespace Serverless.LocalHost.FunctionsHost.Messaging;

/// <summary>
/// The storage queues the host reads and writes, created on first use, with the message encoding the Functions
/// queue extension uses (base64 by default, <c>extensions.queues.messageEncoding</c>).
/// </summary>
public sealed class MessageQueues(StorageClients clients, QueueSignals signals, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Task<QueueClient>> _queues = new(StringComparer.Ordinal);
    private long _sequence = clock.GetUtcNow().UtcTicks;

    public QueueSignals Signals => signals;

    public Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(name, async n =>
        {
            var queue = clients.Queues(QueueMessageEncoding.Base64).GetQueueClient(n);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return queue;
        });

    public async Task SendAsync(string queueName, string text, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(queueName, cancellationToken);
        await queue.SendMessageAsync(text, cancellationToken);
        signals.Notify(queueName);
    }

    /// <summary>Sends to the storage queue standing in for the Service Bus queue of that name.</summary>
    public Task SendToServiceBusAsync(string serviceBusQueue, ServiceBusEnvelope envelope, CancellationToken cancellationToken) =>
        SendAsync(QueueNames.ForServiceBus(serviceBusQueue), envelope.ToJson(), cancellationToken);

    public long NextSequenceNumber() => Interlocked.Increment(ref _sequence);
}
