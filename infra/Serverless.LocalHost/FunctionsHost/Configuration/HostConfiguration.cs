namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>The parts of host.json the local host honours, with the Azure defaults where host.json is silent.</summary>
public sealed record HostConfiguration
{
    public required string FilePath { get; init; }
    public required CustomHandlerDescription Handler { get; init; }
    public bool EnableProxyingHttpRequest { get; init; }
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public string RoutePrefix { get; init; } = "api";
    public string HubName { get; init; } = "TestHubName";
    public QueueSettings Queues { get; init; } = new();
    public ServiceBusSettings ServiceBus { get; init; } = new();
}

/// <summary><c>customHandler.description</c>: what to run, where, with which arguments.</summary>
public sealed record CustomHandlerDescription(string DefaultExecutablePath, string? WorkingDirectory, IReadOnlyList<string> Arguments);

/// <summary><c>extensions.queues</c>, with the Azure Storage queue trigger defaults.</summary>
public sealed record QueueSettings
{
    public int MaxDequeueCount { get; init; } = 5;
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public int BatchSize { get; init; } = 16;
}

/// <summary>
/// <c>extensions.serviceBus</c>. <c>maxDeliveryCount</c> is a property of the queue entity in Azure (set by bicep from
/// the same value); the local stand-in reads it here.
/// </summary>
public sealed record ServiceBusSettings
{
    public int MaxDeliveryCount { get; init; } = 10;
    public int MaxConcurrentCalls { get; init; } = 16;
}
