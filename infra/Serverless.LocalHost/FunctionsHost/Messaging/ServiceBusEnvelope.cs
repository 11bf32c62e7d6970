using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Serverless.LocalHost.FunctionsHost.Messaging;

/// <summary>
/// A Service Bus message as the local stand-in stores it in an Azure Storage queue: the body plus the broker
/// properties a serviceBusTrigger function sees as metadata.
/// </summary>
public sealed record ServiceBusEnvelope
{
    [JsonPropertyName("messageId")] public string MessageId { get; init; } = Guid.NewGuid().ToString("N");
    [JsonPropertyName("body")] public string Body { get; init; } = "";
    [JsonPropertyName("contentType")] public string? ContentType { get; init; }
    [JsonPropertyName("correlationId")] public string? CorrelationId { get; init; }
    [JsonPropertyName("subject")] public string? Subject { get; init; }
    [JsonPropertyName("applicationProperties")] public Dictionary<string, JsonElement> ApplicationProperties { get; init; } = [];
    [JsonPropertyName("enqueuedTimeUtc")] public DateTimeOffset EnqueuedTimeUtc { get; init; }
    [JsonPropertyName("sequenceNumber")] public long SequenceNumber { get; init; }
    [JsonPropertyName("deadLetterReason")] public string? DeadLetterReason { get; init; }
    [JsonPropertyName("deadLetterErrorDescription")] public string? DeadLetterErrorDescription { get; init; }
    [JsonPropertyName("deliveryCount")] public int? DeliveryCount { get; init; }

    /// <summary>The body of an output binding value: strings as they are, anything else as JSON.</summary>
    public static ServiceBusEnvelope FromOutput(JsonNode? value, DateTimeOffset now, long sequenceNumber) => value is JsonValue v && v.TryGetValue<string>(out var text)
        ? new ServiceBusEnvelope { Body = text, ContentType = "text/plain", EnqueuedTimeUtc = now, SequenceNumber = sequenceNumber }
        : new ServiceBusEnvelope { Body = value?.ToJsonString() ?? "null", ContentType = "application/json", EnqueuedTimeUtc = now, SequenceNumber = sequenceNumber };

    /// <summary>Reads a stored message; text that is not an envelope (sent by another tool) is taken as a plain body.</summary>
    public static ServiceBusEnvelope Read(string text, string fallbackId, DateTimeOffset insertedAt)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(text, MessagingJsonContext.Default.ServiceBusEnvelope);
            if (envelope is not null && text.TrimStart().StartsWith('{') && text.Contains("\"messageId\"", StringComparison.Ordinal))
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
            // not an envelope
        }
        return new ServiceBusEnvelope { MessageId = fallbackId, Body = text, EnqueuedTimeUtc = insertedAt, SequenceNumber = insertedAt.UtcTicks };
    }

    public string ToJson() => JsonSerializer.Serialize(this, MessagingJsonContext.Default.ServiceBusEnvelope);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceBusEnvelope))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;
