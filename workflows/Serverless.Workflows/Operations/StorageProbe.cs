using System.Diagnostics;
using Azure;
using Serverless.Storage;

namespace Serverless.Workflows.Operations;

/// <summary>Checks that each storage service the app uses answers, and how fast.</summary>
public sealed class StorageProbe(StorageClients clients)
{
    public async Task<StorageProbeResult> CheckAsync(CancellationToken cancellationToken)
    {
        var services = await Task.WhenAll(
            Probe("blob", async ct => { await foreach (var _ in clients.Blobs().GetBlobContainersAsync(cancellationToken: ct).AsPages(pageSizeHint: 1)) { break; } }, cancellationToken),
            Probe("queue", async ct => { await foreach (var _ in clients.Queues().GetQueuesAsync(cancellationToken: ct).AsPages(pageSizeHint: 1)) { break; } }, cancellationToken),
            Probe("table", async ct => { await foreach (var _ in clients.Tables().QueryAsync(maxPerPage: 1, cancellationToken: ct).AsPages()) { break; } }, cancellationToken));
        return new StorageProbeResult(services.All(s => s.Reachable), services);
    }

    private static async Task<ServiceProbe> Probe(string service, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await call(timeout.Token);
            return new ServiceProbe(service, true, stopwatch.Elapsed.TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return new ServiceProbe(service, false, stopwatch.Elapsed.TotalMilliseconds, ex.Message.Split('\n')[0]);
        }
    }
}

public sealed record StorageProbeResult(bool Reachable, IReadOnlyList<ServiceProbe> Services);

public sealed record ServiceProbe(string Service, bool Reachable, double LatencyMs, string? Error);
