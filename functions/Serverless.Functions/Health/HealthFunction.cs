using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Serverless.Functions.Invocations;
using Serverless.Storage;
using Serverless.Workflows.Operations;

namespace Serverless.Functions.Health;

/// <summary>
/// <c>GET /api/health</c>: storage reachable, versions, uptime, last heartbeat, and the storage transactions this handler
/// process has made since it started (counted before this request's own probes). 200 when healthy, 503 otherwise.
/// </summary>
public static class HealthFunction
{
    public const string Name = "Health";

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest request, StorageProbe probe, HeartbeatLog heartbeats, StorageClients clients, TimeProvider clock, CancellationToken cancellationToken)
    {
        long transactions = clients.Counter.Count;
        var storage = await probe.CheckAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var lastHeartbeat = storage.Reachable ? (await heartbeats.RecentAsync(now, 1, cancellationToken)).FirstOrDefault() : null;
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var report = new HealthReport(
            storage.Reachable ? "Healthy" : "Unhealthy",
            new StorageHealth(storage.Reachable, storage.Services, transactions),
            new VersionInfo(
                typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                Environment.Version.ToString(),
                Environment.GetEnvironmentVariable("FUNCTIONS_EXTENSION_VERSION") ?? "~4"),
            new DateTimeOffset(started),
            Math.Round((now - started).TotalSeconds, 1),
            lastHeartbeat?.FiredAtUtc);
        var body = JsonSerializer.Serialize(report, HealthJsonContext.Default.HealthReport);
        return InvocationResponse.Http("res", HttpResponseData.Json(storage.Reachable ? 200 : 503, body));
    }
}

public sealed record HealthReport(string Status, StorageHealth Storage, VersionInfo Versions, DateTimeOffset StartedAt, double UptimeSeconds, DateTimeOffset? LastHeartbeatUtc);

public sealed record StorageHealth(bool Reachable, IReadOnlyList<ServiceProbe> Services, long TransactionsSinceStart);

public sealed record VersionInfo(string App, string Dotnet, string FunctionsRuntime);
