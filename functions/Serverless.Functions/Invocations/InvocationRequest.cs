using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.Invocations;

/// <summary>What the Functions host POSTs to <c>/{FunctionName}</c>: binding data by binding name, and trigger metadata.</summary>
public sealed record InvocationRequest
{
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary>The binding value deserialized as <typeparamref name="T"/>; a binding sent as a JSON string holding JSON is unwrapped.</summary>
    public T? Binding<T>(string name, JsonSerializerOptions options)
    {
        if (!Data.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return default;
        }
        if (value.ValueKind == JsonValueKind.String && typeof(T) != typeof(string))
        {
            return JsonSerializer.Deserialize<T>(value.GetString()!, options);
        }
        return value.Deserialize<T>(options);
    }

    public SystemMetadata? Sys(JsonSerializerOptions options) =>
        Metadata.TryGetValue("sys", out var sys) ? sys.Deserialize<SystemMetadata>(options) : null;
}

/// <summary><c>Metadata.sys</c>: the function's method name, the host's clock and a random GUID for this invocation.</summary>
public sealed record SystemMetadata(
    [property: JsonPropertyName("MethodName")] string? MethodName,
    [property: JsonPropertyName("UtcNow")] DateTimeOffset? UtcNow,
    [property: JsonPropertyName("RandGuid")] Guid? RandGuid);
