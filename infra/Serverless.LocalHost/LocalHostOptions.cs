using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.Storage;

namespace Serverless.LocalHost;

/// <summary>How to run the local Functions host.</summary>
public sealed record LocalHostOptions
{
    /// <summary>The folder holding host.json (the repository root or an unpacked publish).</summary>
    public required string AppRoot { get; init; }

    public required StorageConnection Storage { get; init; }

    /// <summary>Port for <c>http://localhost:{port}</c>; 0 picks a free loopback port (tests).</summary>
    public int Port { get; init; } = 7071;

    /// <summary>The handler to launch; null resolves it from host.json or the repository build.</summary>
    public HandlerCommand? Handler { get; init; }

    /// <summary>The build configuration whose handler output is launched in the repository layout.</summary>
    public string BuildConfiguration { get; init; } = "Debug";

    /// <summary>App settings that win over the environment and local.settings.json.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The clock of timers, timer triggers and the durable backend; a <see cref="Clock.VirtualClock"/> lets /admin/clock move it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The task hub to use instead of host.json's <c>extensions.durableTask.hubName</c> (tests isolate hosts with it).</summary>
    public string? HubName { get; init; }

    /// <summary>Tuning of the durable backend (partitions, visibility, leases, idle polling).</summary>
    public Durable.DurableBackendOptions Durable { get; init; } = new();

    /// <summary>The host id that names the host's blobs (keys, timer status), as the Azure host derives it from the site name.</summary>
    public string HostId { get; init; } = "serverless-localhost";
}
