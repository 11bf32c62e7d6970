namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>Reads and validates host.json; anything the local host cannot honour stops start-up with the field named.</summary>
public static class HostJsonLoader
{
    public static HostConfiguration Load(string path, string displayPath)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException(displayPath, "(file)", "not found; the app root must hold host.json");
        }
        var fields = new JsonFields(displayPath);
        var root = fields.ParseObject(File.ReadAllText(path));
        var version = fields.RequiredString(root, "version", "");
        if (version != "2.0")
        {
            throw new ConfigurationException(displayPath, "version", $"must be \"2.0\", found \"{version}\"");
        }
        var customHandler = fields.OptionalObject(root, "customHandler", "")
            ?? throw new ConfigurationException(displayPath, "customHandler", "is required: this app is a custom handler");
        var description = fields.OptionalObject(customHandler, "description", "customHandler")
            ?? throw new ConfigurationException(displayPath, "customHandler.description", "is required");
        var extensions = fields.OptionalObject(root, "extensions", "");
        var http = extensions is null ? null : fields.OptionalObject(extensions, "http", "extensions");
        var durable = extensions is null ? null : fields.OptionalObject(extensions, "durableTask", "extensions");
        var queues = extensions is null ? null : fields.OptionalObject(extensions, "queues", "extensions");
        var serviceBus = extensions is null ? null : fields.OptionalObject(extensions, "serviceBus", "extensions");
        var queueDefaults = new QueueSettings();
        var serviceBusDefaults = new ServiceBusSettings();
        return new HostConfiguration
        {
            FilePath = path,
            Handler = new CustomHandlerDescription(
                fields.RequiredString(description, "defaultExecutablePath", "customHandler.description"),
                fields.OptionalString(description, "workingDirectory", "customHandler.description"),
                fields.OptionalStrings(description, "arguments", "customHandler.description")),
            EnableProxyingHttpRequest = fields.OptionalBool(customHandler, "enableProxyingHttpRequest", "customHandler", false),
            FunctionTimeout = fields.OptionalTimeSpan(root, "functionTimeout", "", TimeSpan.FromMinutes(5)),
            RoutePrefix = (http is null ? null : fields.OptionalString(http, "routePrefix", "extensions.http"))?.Trim('/') ?? "api",
            HubName = (durable is null ? null : fields.OptionalString(durable, "hubName", "extensions.durableTask")) ?? "TestHubName",
            Queues = queues is null ? queueDefaults : new QueueSettings
            {
                MaxDequeueCount = fields.OptionalInt(queues, "maxDequeueCount", "extensions.queues", queueDefaults.MaxDequeueCount, 1, 1000),
                VisibilityTimeout = fields.OptionalTimeSpan(queues, "visibilityTimeout", "extensions.queues", queueDefaults.VisibilityTimeout, allowZero: true),
                MaxPollingInterval = fields.OptionalTimeSpan(queues, "maxPollingInterval", "extensions.queues", queueDefaults.MaxPollingInterval),
                BatchSize = fields.OptionalInt(queues, "batchSize", "extensions.queues", queueDefaults.BatchSize, 1, 32),
            },
            ServiceBus = serviceBus is null ? serviceBusDefaults : new ServiceBusSettings
            {
                MaxDeliveryCount = fields.OptionalInt(serviceBus, "maxDeliveryCount", "extensions.serviceBus", serviceBusDefaults.MaxDeliveryCount, 1, 2000),
                MaxConcurrentCalls = fields.OptionalInt(serviceBus, "maxConcurrentCalls", "extensions.serviceBus", serviceBusDefaults.MaxConcurrentCalls, 1, 1000),
            },
        };
    }
}
