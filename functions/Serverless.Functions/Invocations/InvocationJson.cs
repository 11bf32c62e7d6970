using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.Invocations;

/// <summary>Serializer options for invocation payloads: names as the contract spells them, source-generated.</summary>
public static class InvocationJson
{
    public static JsonSerializerOptions Options { get; } = new(InvocationJsonContext.Default.Options)
    {
        PropertyNameCaseInsensitive = true,
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(HttpRequestData))]
[JsonSerializable(typeof(HttpResponseData))]
[JsonSerializable(typeof(TimerInfo))]
[JsonSerializable(typeof(SystemMetadata))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
internal sealed partial class InvocationJsonContext : JsonSerializerContext;
