using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Serverless.Storage;

namespace Serverless.LocalHost.FunctionsHost.Triggers;

/// <summary>
/// Keeps each timer's <see cref="ScheduleStatus"/> where the Azure host keeps it:
/// blob <c>azure-webjobs-hosts/timers/{hostId}/{function}/status</c>. It survives restarts, so an occurrence
/// missed while the host was down is noticed on the next start.
/// </summary>
public sealed class ScheduleMonitor(StorageClients clients, string hostId)
{
    public const string ContainerName = "azure-webjobs-hosts";

    private readonly BlobContainerClient _container = clients.Container(ContainerName);

    public static string BlobName(string hostId, string function) => $"timers/{hostId}/{function}/status";

    public async Task<ScheduleStatus?> ReadAsync(string function, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(hostId, function)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize(content.Value.Content.ToString(), ScheduleStatusJsonContext.Default.ScheduleStatus);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task WriteAsync(string function, ScheduleStatus status, CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var json = JsonSerializer.Serialize(status, ScheduleStatusJsonContext.Default.ScheduleStatus);
        await _container.GetBlobClient(BlobName(hostId, function)).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
    }
}
