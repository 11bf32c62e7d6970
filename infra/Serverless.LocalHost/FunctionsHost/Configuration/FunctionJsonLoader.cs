using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cronos;

namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>
/// Reads every <c>function.json</c> of the app: <c>functions/*/function.json</c> in the repository layout, or
/// <c>*/function.json</c> beside host.json in the Azure (published) layout. Unsupported bindings stop start-up.
/// </summary>
public static partial class FunctionJsonLoader
{
    private static readonly string[] AllMethods = ["get", "post", "put", "delete", "patch", "head", "options"];

    public static IReadOnlyList<FunctionDefinition> LoadAll(string appRoot, Func<string, string?> appSetting)
    {
        var functionsDirectory = Directory.Exists(Path.Combine(appRoot, "functions")) ? Path.Combine(appRoot, "functions") : appRoot;
        var functions = new List<FunctionDefinition>();
        foreach (var folder in Directory.GetDirectories(functionsDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "function.json");
            if (!File.Exists(file))
            {
                continue;
            }
            var function = Load(file, Path.GetRelativePath(appRoot, file), Path.GetFileName(folder), appSetting);
            if (function is not null)
            {
                functions.Add(function);
            }
        }
        return functions;
    }

    /// <summary>Loads one function.json; null when the function is disabled.</summary>
    public static FunctionDefinition? Load(string path, string displayPath, string functionName, Func<string, string?> appSetting)
    {
        var fields = new JsonFields(displayPath);
        var root = fields.ParseObject(File.ReadAllText(path));
        if (fields.OptionalBool(root, "disabled", "", false) || IsTrue(appSetting($"AzureWebJobs.{functionName}.Disabled")))
        {
            return null;
        }
        if (root["bindings"] is not JsonArray bindings || bindings.Count == 0)
        {
            throw new ConfigurationException(displayPath, "bindings", "is required and must list at least the trigger");
        }
        var parsed = new List<Binding>();
        for (var i = 0; i < bindings.Count; i++)
        {
            var entry = bindings[i] as JsonObject ?? throw new ConfigurationException(displayPath, $"bindings[{i}]", "must be a JSON object");
            parsed.Add(ParseBinding(fields, entry, $"bindings[{i}]", appSetting));
        }
        var triggers = parsed.Where(IsTrigger).ToList();
        if (triggers.Count != 1)
        {
            throw new ConfigurationException(displayPath, "bindings", $"must have exactly one trigger, found {triggers.Count}");
        }
        var duplicate = parsed.GroupBy(b => b.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ConfigurationException(displayPath, "bindings", $"binding name \"{duplicate.Key}\" is used more than once");
        }
        return new FunctionDefinition(functionName, path, triggers[0], parsed.Where(b => !IsTrigger(b)).ToList());
    }

    private static bool IsTrigger(Binding binding) => binding switch
    {
        HttpTriggerBinding or TimerTriggerBinding or QueueTriggerBinding or ServiceBusTriggerBinding => true,
        DurableBinding durable => durable.IsTrigger,
        _ => false,
    };

    private static Binding ParseBinding(JsonFields fields, JsonObject entry, string path, Func<string, string?> appSetting)
    {
        var type = fields.RequiredString(entry, "type", path);
        var name = fields.RequiredString(entry, "name", path);
        var direction = fields.RequiredString(entry, "direction", path).ToLowerInvariant();
        if (direction is not ("in" or "out" or "inout"))
        {
            throw new ConfigurationException(fields.File, $"{path}.direction", $"must be \"in\" or \"out\", found \"{direction}\"");
        }
        void RequireDirection(string expected)
        {
            if (direction != expected)
            {
                throw new ConfigurationException(fields.File, $"{path}.direction", $"must be \"{expected}\" for a {type} binding");
            }
        }
        switch (type.ToLowerInvariant())
        {
            case "httptrigger":
                RequireDirection("in");
                return new HttpTriggerBinding(name, ParseAuthLevel(fields, entry, path), ParseMethods(fields, entry, path), fields.OptionalString(entry, "route", path)?.Trim('/'));
            case "http":
                RequireDirection("out");
                return new HttpOutputBinding(name);
            case "timertrigger":
                RequireDirection("in");
                return new TimerTriggerBinding(name, ParseSchedule(fields, entry, path, appSetting), fields.OptionalBool(entry, "runOnStartup", path, false), fields.OptionalBool(entry, "useMonitor", path, true));
            case "queuetrigger":
                RequireDirection("in");
                return new QueueTriggerBinding(name, QueueName(fields, entry, path, "queueName", appSetting));
            case "queue":
                RequireDirection("out");
                return new QueueOutputBinding(name, QueueName(fields, entry, path, "queueName", appSetting));
            case "servicebustrigger":
                RequireDirection("in");
                RejectTopics(fields, entry, path);
                return new ServiceBusTriggerBinding(name, QueueName(fields, entry, path, "queueName", appSetting));
            case "servicebus":
                RequireDirection("out");
                RejectTopics(fields, entry, path);
                return new ServiceBusOutputBinding(name, QueueName(fields, entry, path, "queueName", appSetting));
            case "orchestrationtrigger":
            case "activitytrigger":
            case "entitytrigger":
                RequireDirection("in");
                return new DurableBinding(name, type, IsTrigger: true);
            case "durableclient":
                RequireDirection("in");
                return new DurableBinding(name, type, IsTrigger: false);
            default:
                throw new ConfigurationException(fields.File, $"{path}.type",
                    $"binding type \"{type}\" is not supported by the local host (supported: httpTrigger, http, timerTrigger, queueTrigger, queue, serviceBusTrigger, serviceBus, orchestrationTrigger, activityTrigger, entityTrigger, durableClient)");
        }
    }

    private static AuthLevel ParseAuthLevel(JsonFields fields, JsonObject entry, string path)
    {
        var level = fields.OptionalString(entry, "authLevel", path) ?? "function";
        return level.ToLowerInvariant() switch
        {
            "anonymous" => AuthLevel.Anonymous,
            "function" => AuthLevel.Function,
            "admin" or "system" => AuthLevel.Admin,
            _ => throw new ConfigurationException(fields.File, $"{path}.authLevel", $"must be anonymous, function or admin, found \"{level}\""),
        };
    }

    private static IReadOnlyList<string> ParseMethods(JsonFields fields, JsonObject entry, string path)
    {
        var methods = fields.OptionalStrings(entry, "methods", path).Select(m => m.ToLowerInvariant()).ToList();
        var unknown = methods.FirstOrDefault(m => !AllMethods.Contains(m));
        if (unknown is not null)
        {
            throw new ConfigurationException(fields.File, $"{path}.methods", $"\"{unknown}\" is not an HTTP method");
        }
        return methods.Count == 0 ? AllMethods : methods;
    }

    private static string ParseSchedule(JsonFields fields, JsonObject entry, string path, Func<string, string?> appSetting)
    {
        var raw = fields.RequiredString(entry, "schedule", path);
        var schedule = ResolveSetting(fields, raw, $"{path}.schedule", appSetting);
        try
        {
            var parts = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 6)
            {
                throw new CronFormatException($"expected 6 fields, found {parts.Length}");
            }
            CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new ConfigurationException(fields.File, $"{path}.schedule",
                $"\"{schedule}\" is not a 6-field NCRONTAB expression {{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}} ({ex.Message})");
        }
        return schedule;
    }

    private static string QueueName(JsonFields fields, JsonObject entry, string path, string field, Func<string, string?> appSetting) =>
        ResolveSetting(fields, fields.RequiredString(entry, field, path), $"{path}.{field}", appSetting);

    private static void RejectTopics(JsonFields fields, JsonObject entry, string path)
    {
        if (entry["topicName"] is not null)
        {
            throw new ConfigurationException(fields.File, $"{path}.topicName", "Service Bus topics are not supported by the local host; use a queue");
        }
    }

    /// <summary>Resolves <c>%SettingName%</c> references from app settings, as the Functions host does.</summary>
    private static string ResolveSetting(JsonFields fields, string value, string field, Func<string, string?> appSetting) =>
        SettingReference().Replace(value, match => appSetting(match.Groups[1].Value)
            ?? throw new ConfigurationException(fields.File, field, $"refers to app setting \"{match.Groups[1].Value}\", which is not set"));

    private static bool IsTrue(string? value) => bool.TryParse(value, out var flag) && flag || value == "1";

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
