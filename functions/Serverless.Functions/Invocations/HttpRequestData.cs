using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.Invocations;

/// <summary>
/// <c>Data.req</c> of an httpTrigger invocation. Hosts differ in how they send <c>Query</c> (an object in current
/// versions, a JSON string in older ones), so it is kept raw and read through <see cref="QueryValue"/>.
/// </summary>
public sealed record HttpRequestData
{
    [JsonPropertyName("Url")] public string Url { get; init; } = "";
    [JsonPropertyName("Method")] public string Method { get; init; } = "";
    [JsonPropertyName("Query")] public JsonElement Query { get; init; }
    [JsonPropertyName("Headers")] public Dictionary<string, string[]> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    [JsonPropertyName("Params")] public Dictionary<string, string?> Params { get; init; } = [];
    [JsonPropertyName("Body")] public string? Body { get; init; }

    public string? QueryValue(string name)
    {
        var query = Query;
        if (query.ValueKind == JsonValueKind.String)
        {
            using var parsed = JsonDocument.Parse(query.GetString() ?? "{}");
            return Find(parsed.RootElement, name);
        }
        return Find(query, name);
    }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string? Find(JsonElement query, string name)
    {
        if (query.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var property in query.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }
        return null;
    }
}
