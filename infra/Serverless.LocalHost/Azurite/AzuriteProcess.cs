using System.Diagnostics;
using Serverless.LocalHost.Processes;
using Serverless.Storage;

namespace Serverless.LocalHost.Azurite;

/// <summary>A running Azurite started by us; disposing it stops it.</summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, AzuriteOptions options)
    {
        _process = process;
        Options = options;
        Connection = StorageConnection.ForAzurite("127.0.0.1", options.BlobPort, options.QueuePort, options.TablePort);
    }

    public AzuriteOptions Options { get; }

    public StorageConnection Connection { get; }

    public static async Task<AzuriteProcess> StartAsync(AzuriteInstallation installation, AzuriteOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        await installation.EnsureInstalledAsync(progress, cancellationToken);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = installation.PackageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in Arguments(installation, options))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite; install Node.js 20 or newer.");
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, options);
        try
        {
            await TcpPorts.WaitUntilListeningAsync(options.Ports, TimeSpan.FromSeconds(60), () => !process.HasExited, "Azurite", cancellationToken);
        }
        catch (Exception ex)
        {
            await azurite.DisposeAsync();
            string detail;
            lock (errors) { detail = errors.ToString(); }
            throw new InvalidOperationException($"{ex.Message} {detail}".Trim(), ex);
        }
        progress(options.DataDirectory is null
            ? $"Azurite listening on blob {options.BlobPort}, queue {options.QueuePort}, table {options.TablePort} (in memory)"
            : $"Azurite listening on blob {options.BlobPort}, queue {options.QueuePort}, table {options.TablePort} (data in {options.DataDirectory})");
        return azurite;
    }

    private static IEnumerable<string> Arguments(AzuriteInstallation installation, AzuriteOptions options)
    {
        yield return installation.EntryPoint;
        yield return "--silent";
        yield return "--disableTelemetry";
        yield return "--blobPort"; yield return options.BlobPort.ToString();
        yield return "--queuePort"; yield return options.QueuePort.ToString();
        yield return "--tablePort"; yield return options.TablePort.ToString();
        if (options.DataDirectory is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            yield return "--location"; yield return Path.GetFullPath(options.DataDirectory);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            catch (TimeoutException)
            {
                // the OS will reap it; nothing more we can do
            }
        }
        _process.Dispose();
    }
}
