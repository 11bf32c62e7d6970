using System.Text;
using System.Text.Json;

namespace Serverless.Durable.Hosting;

/// <summary>Reads the custom-handler invocation body and writes its response, without reflection.</summary>
internal static class InvocationJson
{
    public static JsonElement? Find(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (parent.TryGetProperty(name, out var exact))
        {
            return exact;
        }

        foreach (var property in parent.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static string? FindString(JsonElement parent, params string[] path)
    {
        JsonElement? current = parent;
        foreach (string segment in path)
        {
            current = current is { } element ? Find(element, segment) : null;
        }

        return current switch
        {
            { ValueKind: JsonValueKind.String } s => Unquote(s.GetString()!),
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Writes <c>{"Outputs":{},"Logs":[...],"ReturnValue":...}</c>; <paramref name="writeReturnValue"/> writes the value.</summary>
    public static string Response(
        IReadOnlyList<string> logs, Action<Utf8JsonWriter> writeReturnValue, Action<Utf8JsonWriter>? writeExtra = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Outputs");
            writer.WriteEndObject();
            writer.WriteStartArray("Logs");
            foreach (string line in logs)
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("ReturnValue");
            writeReturnValue(writer);
            writeExtra?.Invoke(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Metadata values sometimes arrive JSON-encoded a second time ("\"abc\"").
    private static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                using var doc = JsonDocument.Parse(value);
                return doc.RootElement.GetString() ?? value;
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }
}
