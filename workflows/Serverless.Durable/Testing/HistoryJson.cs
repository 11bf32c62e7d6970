using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Testing;

/// <summary>
/// Stored histories as JSON files: <c>{"instanceId":"...","events":[...]}</c>, each event in the protobuf JSON mapping
/// of HistoryEvent (field names as in the .proto, timestamps in RFC 3339).
/// </summary>
public static class HistoryJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static string Serialize(StoredHistory history)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("instanceId", history.InstanceId);
            writer.WriteStartArray("events");
            foreach (var historyEvent in history.Events)
            {
                writer.WriteRawValue(Formatter.Format(historyEvent));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static StoredHistory Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string instanceId = root.GetProperty("instanceId").GetString() ?? string.Empty;
        var events = root.GetProperty("events").EnumerateArray()
            .Select(e => Parser.Parse<HistoryEvent>(e.GetRawText()))
            .ToList();
        return new StoredHistory(instanceId, events);
    }

    public static StoredHistory Load(string path) => Deserialize(File.ReadAllText(path));

    public static void Save(string path, StoredHistory history) => File.WriteAllText(path, Serialize(history));

    /// <summary>Every <c>*.json</c> history under <paramref name="directory"/> (recursively), by file path.</summary>
    public static IReadOnlyList<(string Path, StoredHistory History)> LoadDirectory(string directory) =>
        Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, Load(path)))
            .ToList();
}
