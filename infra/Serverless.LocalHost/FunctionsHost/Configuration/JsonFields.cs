using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>Typed reads from a parsed JSON configuration file; every failure names the file and the field path.</summary>
internal sealed class JsonFields(string file)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public string File { get; } = file;

    public JsonObject ParseObject(string text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException(File, $"line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}", $"is not valid JSON ({ex.Message.Split('.')[0]})");
        }
        return node as JsonObject ?? throw new ConfigurationException(File, "(root)", "must be a JSON object");
    }

    public string? OptionalString(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }
        throw new ConfigurationException(File, Join(path, name), $"must be a string, found {node.ToJsonString()}");
    }

    public string RequiredString(JsonObject obj, string name, string path)
    {
        var text = OptionalString(obj, name, path);
        return string.IsNullOrWhiteSpace(text) ? throw new ConfigurationException(File, Join(path, name), "is required") : text;
    }

    public bool OptionalBool(JsonObject obj, string name, string path, bool fallback)
    {
        var node = obj[name];
        if (node is null)
        {
            return fallback;
        }
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }
        if (node is JsonValue text && text.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed))
        {
            return parsed;
        }
        throw new ConfigurationException(File, Join(path, name), $"must be true or false, found {node.ToJsonString()}");
    }

    public int OptionalInt(JsonObject obj, string name, string path, int fallback, int min, int max)
    {
        var node = obj[name];
        if (node is null)
        {
            return fallback;
        }
        if (node is JsonValue value && value.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            return number;
        }
        throw new ConfigurationException(File, Join(path, name), $"must be a whole number from {min} to {max}, found {node.ToJsonString()}");
    }

    public TimeSpan OptionalTimeSpan(JsonObject obj, string name, string path, TimeSpan fallback, bool allowZero = false)
    {
        var text = OptionalString(obj, name, path);
        if (text is null)
        {
            return fallback;
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && (span > TimeSpan.Zero || (allowZero && span == TimeSpan.Zero)))
        {
            return span;
        }
        throw new ConfigurationException(File, Join(path, name), $"must be a positive time span like \"00:05:00\", found \"{text}\"");
    }

    public JsonObject? OptionalObject(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        return node switch
        {
            null => null,
            JsonObject o => o,
            _ => throw new ConfigurationException(File, Join(path, name), "must be a JSON object"),
        };
    }

    public IReadOnlyList<string> OptionalStrings(JsonObject obj, string name, string path)
    {
        var node = obj[name];
        if (node is null)
        {
            return [];
        }
        if (node is not JsonArray array)
        {
            throw new ConfigurationException(File, Join(path, name), "must be an array of strings");
        }
        return array.Select((item, i) => item is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new ConfigurationException(File, $"{Join(path, name)}[{i}]", "must be a string")).ToList();
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
