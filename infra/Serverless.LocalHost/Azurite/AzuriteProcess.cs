using Serverless.LocalHost.Processes;
using Serverless.Storage;

namespace Serverless.LocalHost.Azurite;

/// <summary>
/// A running Azurite started by us, one Node process per service (blob, queue, table), so the table and queue
/// services each get a core instead of sharing one event loop. Disposing it stops them all.
/// </summary>
/// <remarks>
/// In memory mode the queue service still keeps its message bodies in a private scratch folder (deleted on
/// dispose): Azurite's in-memory extent store gives every message its own extent and its garbage collector
/// rebuilds an index per deleted extent, so queue traffic costs O(messages²) and, at a few thousand durable
/// instances, takes over the whole process. On disk many messages share an extent file.
/// </remarks>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly List<AzuriteServiceProcess> _services;
    private readonly string? _scratch;

    private AzuriteProcess(List<AzuriteServiceProcess> services, AzuriteOptions options, string? scratch)
    {
        _services = services;
        _scratch = scratch;
        Options = options;
        Connection = StorageConnection.ForAzurite("127.0.0.1", options.BlobPort, options.QueuePort, options.TablePort);
    }

    public AzuriteOptions Options { get; }

    public StorageConnection Connection { get; }

    /// <summary>The private folder of the queue service's message bodies in memory mode (null when persisting).</summary>
    public string? QueueScratchDirectory => _scratch;

    public static async Task<AzuriteProcess> StartAsync(AzuriteInstallation installation, AzuriteOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        await installation.EnsureInstalledAsync(progress, cancellationToken);
        string? scratch = null;
        if (options.DataDirectory is { } data)
        {
            Directory.CreateDirectory(data);
        }
        else
        {
            scratch = Directory.CreateTempSubdirectory("serverless-azurite-queue-").FullName;
        }
        var services = new List<AzuriteServiceProcess>();
        var azurite = new AzuriteProcess(services, options, scratch);
        try
        {
            bool kept = options.DataDirectory is not null;
            services.Add(AzuriteServiceProcess.Start(installation, "blob", options.BlobPort, options.DataDirectory, kept));
            services.Add(AzuriteServiceProcess.Start(installation, "queue", options.QueuePort, options.DataDirectory ?? scratch, kept));
            services.Add(AzuriteServiceProcess.Start(installation, "table", options.TablePort, options.DataDirectory, kept));
            await Task.WhenAll(services.Select(s => s.WaitUntilListeningAsync(cancellationToken)));
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
        progress(options.DataDirectory is null
            ? $"Azurite listening on blob {options.BlobPort}, queue {options.QueuePort}, table {options.TablePort} (in memory)"
            : $"Azurite listening on blob {options.BlobPort}, queue {options.QueuePort}, table {options.TablePort} (data in {options.DataDirectory})");
        return azurite;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_services.Select(s => s.DisposeAsync().AsTask()));
        if (_scratch is not null)
        {
            try
            {
                Directory.Delete(_scratch, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open; the temp folder is the OS's to clean
            }
        }
    }
}
