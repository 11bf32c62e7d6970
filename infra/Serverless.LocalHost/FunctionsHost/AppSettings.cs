using System.Text.Json.Nodes;

namespace Serverless.LocalHost.FunctionsHost;

/// <summary>
/// App settings as the Functions host sees them: explicit overrides, then environment variables, then the
/// <c>Values</c> of an optional <c>local.settings.json</c> beside host.json (developer secrets; git-ignored).
/// </summary>
public sealed class AppSettings
{
    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly IReadOnlyDictionary<string, string?> _localValues;

    public AppSettings(string appRoot, IReadOnlyDictionary<string, string?> overrides)
    {
        _overrides = overrides;
        _localValues = ReadLocalSettings(Path.Combine(appRoot, "local.settings.json"));
    }

    public string? Get(string name) =>
        _overrides.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable(name) is { } env ? env
        : _localValues.TryGetValue(name, out var local) ? local : null;

    /// <summary>The settings the handler process gets on top of the inherited environment.</summary>
    public IReadOnlyDictionary<string, string?> ForHandler()
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in _localValues)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                all[name] = value;
            }
        }
        foreach (var (name, value) in _overrides)
        {
            all[name] = value;
        }
        return all;
    }

    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        if (root?["Values"] is JsonObject settings)
        {
            foreach (var (name, value) in settings)
            {
                values[name] = value?.ToString();
            }
        }
        return values;
    }
}
