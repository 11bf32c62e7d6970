using Serverless.LocalHost.Processes;
using Serverless.Storage;

namespace Serverless.LocalHost.Azurite;

/// <summary>
/// Resolves the storage the local host uses. A real connection string is used as is. Development storage
/// (unset or <c>UseDevelopmentStorage=true</c>) uses an Azurite already listening on the default ports,
/// or installs and starts the pinned one and stops it on exit.
/// </summary>
public static class StorageBootstrap
{
    public static async Task<(StorageConnection Connection, AzuriteProcess? Started)> ResolveAsync(
        string? setting, string? dataDirectory, string appRoot, Action<string> progress, CancellationToken cancellationToken)
    {
        if (!StorageConnection.IsDevelopmentStorageValue(setting))
        {
            progress("Using the storage account from AzureWebJobsStorage.");
            return (StorageConnection.FromSetting(setting), null);
        }
        var defaults = new AzuriteOptions { DataDirectory = dataDirectory };
        var listening = defaults.Ports.Where(TcpPorts.IsListening).ToList();
        if (listening.Count == defaults.Ports.Count)
        {
            progress("Using the Azurite already listening on ports 10000-10002.");
            return (StorageConnection.FromSetting(setting), null);
        }
        if (listening.Count > 0)
        {
            throw new InvalidOperationException(
                $"Port(s) {string.Join(", ", listening)} are in use but not all of 10000-10002 answer; stop whatever holds them or set AzureWebJobsStorage.");
        }
        var azurite = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(appRoot), defaults, progress, cancellationToken);
        return (azurite.Connection, azurite);
    }
}
