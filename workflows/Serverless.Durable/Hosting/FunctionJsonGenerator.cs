using System.Text;
using System.Text.Json;

namespace Serverless.Durable.Hosting;

/// <summary>
/// Produces the function.json of every registered durable function, so the folders the host reads are generated
/// from (or checked against) the registry instead of drifting from it.
/// </summary>
public static class FunctionJsonGenerator
{
    public static string Generate(DurableFunction function)
    {
        var (bindingName, bindingType) = function.Kind switch
        {
            DurableFunctionKind.Orchestrator => ("context", "orchestrationTrigger"),
            _ => ("input", "activityTrigger"),
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("bindings");
            writer.WriteStartObject();
            writer.WriteString("name", bindingName);
            writer.WriteString("type", bindingType);
            writer.WriteString("direction", "in");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>function name -> function.json text, for every registered function.</summary>
    public static IReadOnlyDictionary<string, string> GenerateAll(DurableFunctionRegistry registry) =>
        registry.Functions.ToDictionary(f => f.Name, Generate, StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes <c>{root}/{name}/function.json</c> for every registered function.</summary>
    public static void WriteAll(DurableFunctionRegistry registry, string functionsRoot)
    {
        foreach (var (name, json) in GenerateAll(registry))
        {
            string folder = Path.Combine(functionsRoot, name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), json);
        }
    }

    /// <summary>Names of functions whose function.json under <paramref name="functionsRoot"/> is missing or differs
    /// in meaning (whitespace is ignored).</summary>
    public static IReadOnlyList<string> FindDrift(DurableFunctionRegistry registry, string functionsRoot)
    {
        var drifted = new List<string>();
        foreach (var (name, expected) in GenerateAll(registry))
        {
            string path = Path.Combine(functionsRoot, name, "function.json");
            if (!File.Exists(path) || !SameJson(expected, File.ReadAllText(path)))
            {
                drifted.Add(name);
            }
        }

        return drifted;
    }

    private static bool SameJson(string a, string b)
    {
        try
        {
            using var left = JsonDocument.Parse(a);
            using var right = JsonDocument.Parse(b);
            return JsonElement.DeepEquals(left.RootElement, right.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
