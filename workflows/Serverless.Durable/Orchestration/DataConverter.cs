using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Serverless.Durable.Orchestration;

/// <summary>Turns orchestration inputs, outputs and event payloads into the JSON strings that travel on the wire.</summary>
public abstract class DataConverter
{
    public abstract string? Serialize(object? value);

    public abstract object? Deserialize(string? json, Type targetType);

    public T? Deserialize<T>(string? json) => Deserialize(json, typeof(T)) is T value ? value : default;
}

/// <summary>System.Text.Json converter; add source-generated contexts to <see cref="JsonSerializerOptions.TypeInfoResolverChain"/>.</summary>
public sealed class JsonDataConverter(JsonSerializerOptions options) : DataConverter
{
    public static JsonDataConverter Default { get; } = new(CreateDefaultOptions());

    public JsonSerializerOptions Options { get; } = options;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options carry the resolver chain.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The options carry the resolver chain.")]
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The options carry the resolver chain.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The options carry the resolver chain.")]
    public override object? Deserialize(string? json, Type targetType) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, targetType, Options);

    /// <summary>Property names as declared (PascalCase) and fields included, as Microsoft.DurableTask writes them,
    /// so histories stay readable after a move to the official SDK; reading ignores case.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new()
    {
        IncludeFields = true,
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
