using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Messaging;

namespace Serverless.LocalHost.FunctionsHost.Triggers;

/// <summary>What differs between a queueTrigger and a serviceBusTrigger delivered through a storage queue.</summary>
public interface IQueueDelivery
{
    string QueueName { get; }
    int MaxDeliveries { get; }
    (JsonNode Data, JsonObject Metadata) Describe(QueueMessage message);
    /// <summary>Moves a message that failed <see cref="MaxDeliveries"/> times to its quarantine queue.</summary>
    Task QuarantineAsync(QueueMessage message, string lastError, CancellationToken cancellationToken);
}

/// <summary>Azure Storage queue trigger: metadata as the Functions queue extension sends it; poison queue <c>{queue}-poison</c>.</summary>
public sealed class StorageQueueDelivery(QueueTriggerBinding binding, QueueSettings settings, MessageQueues queues) : IQueueDelivery
{
    public string QueueName => binding.QueueName;

    public int MaxDeliveries => settings.MaxDequeueCount;

    public (JsonNode Data, JsonObject Metadata) Describe(QueueMessage message) => (
        JsonValue.Create(message.Body.ToString()),
        new JsonObject
        {
            ["Id"] = message.MessageId,
            ["DequeueCount"] = message.DequeueCount,
            ["InsertionTime"] = message.InsertedOn?.ToString("O"),
            ["ExpirationTime"] = message.ExpiresOn?.ToString("O"),
            ["NextVisibleTime"] = message.NextVisibleOn?.ToString("O"),
            ["PopReceipt"] = message.PopReceipt,
        });

    public Task QuarantineAsync(QueueMessage message, string lastError, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.Poison(QueueName), message.Body.ToString(), cancellationToken);
}

/// <summary>
/// Service Bus queue trigger through the storage stand-in: broker properties from the envelope, DeliveryCount from
/// the dequeue count; after maxDeliveryCount failures the message goes to <c>{queue}-deadletter</c> with the last error.
/// </summary>
public sealed class ServiceBusDelivery(ServiceBusTriggerBinding binding, ServiceBusSettings settings, MessageQueues queues) : IQueueDelivery
{
    public string QueueName { get; } = QueueNames.ForServiceBus(binding.QueueName);

    public int MaxDeliveries => settings.MaxDeliveryCount;

    public (JsonNode Data, JsonObject Metadata) Describe(QueueMessage message)
    {
        var envelope = Read(message);
        var properties = new JsonObject();
        foreach (var (name, value) in envelope.ApplicationProperties)
        {
            properties[name] = JsonNode.Parse(value.GetRawText());
        }
        var metadata = new JsonObject
        {
            ["MessageId"] = envelope.MessageId,
            ["DeliveryCount"] = (int)message.DequeueCount,
            ["EnqueuedTimeUtc"] = envelope.EnqueuedTimeUtc.UtcDateTime.ToString("O"),
            ["SequenceNumber"] = envelope.SequenceNumber,
            ["CorrelationId"] = envelope.CorrelationId,
            ["ContentType"] = envelope.ContentType,
            ["Subject"] = envelope.Subject,
            ["ExpiresAtUtc"] = message.ExpiresOn?.UtcDateTime.ToString("O"),
            ["LockToken"] = message.PopReceipt,
            ["ApplicationProperties"] = properties,
            ["UserProperties"] = properties.DeepClone(),
        };
        return (JsonValue.Create(envelope.Body), metadata);
    }

    public Task QuarantineAsync(QueueMessage message, string lastError, CancellationToken cancellationToken)
    {
        var deadLettered = Read(message) with
        {
            DeadLetterReason = "MaxDeliveryCountExceeded",
            DeadLetterErrorDescription = lastError,
            DeliveryCount = (int)message.DequeueCount,
        };
        return queues.SendAsync(QueueNames.DeadLetter(QueueName), deadLettered.ToJson(), cancellationToken);
    }

    private static ServiceBusEnvelope Read(QueueMessage message) =>
        ServiceBusEnvelope.Read(message.Body.ToString(), message.MessageId, message.InsertedOn ?? DateTimeOffset.UtcNow);
}
