using System.Text.Json.Serialization;

namespace Serverless.LocalHost.FunctionsHost.Triggers;

/// <summary>A timer's last and next occurrence, as the Azure host keeps it in storage.</summary>
public sealed record ScheduleStatus(
    [property: JsonPropertyName("Last")] DateTimeOffset Last,
    [property: JsonPropertyName("Next")] DateTimeOffset Next,
    [property: JsonPropertyName("LastUpdated")] DateTimeOffset LastUpdated);

[JsonSerializable(typeof(ScheduleStatus))]
internal sealed partial class ScheduleStatusJsonContext : JsonSerializerContext;
