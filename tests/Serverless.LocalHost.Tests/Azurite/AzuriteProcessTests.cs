using Azure.Data.Tables;
using Serverless.LocalHost.Azurite;
using Serverless.LocalHost.Processes;
using Serverless.Storage;

namespace Serverless.LocalHost.Tests.Azurite;

/// <summary>The embedded Azurite: one Node process per service, in memory or persisted to a folder.</summary>
public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task In_memory_it_serves_all_three_services_and_leaves_nothing_listening_or_on_disk_after_stopping()
    {
        var options = AzuriteOptions.OnFreePorts();
        string? scratch;

        await using (var azurite = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), options, _ => { }, CancellationToken.None))
        {
            await RoundTripAsync(new StorageClients(azurite.Connection));
            scratch = azurite.QueueScratchDirectory;
            Assert.True(Directory.Exists(scratch));
        }

        Assert.All(options.Ports, port => Assert.False(TcpPorts.IsListening(port), $"port {port} still listening"));
        Assert.False(Directory.Exists(scratch));
    }

    [Fact]
    public async Task With_a_data_folder_what_was_written_just_before_a_stop_survives_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("azurite-data-test-").FullName;
        try
        {
            await using (var first = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(data), _ => { }, CancellationToken.None))
            {
                var clients = new StorageClients(first.Connection);
                await clients.Queue("kept").CreateIfNotExistsAsync();
                await clients.Queue("kept").SendMessageAsync("still here");
                await clients.Table("kept").CreateIfNotExistsAsync();
                await clients.Table("kept").UpsertEntityAsync(new TableEntity("p", "r") { ["v"] = 7 });
                await clients.Container("kept").CreateIfNotExistsAsync();
                await clients.Container("kept").GetBlobClient("b").UploadAsync(BinaryData.FromString("blob"));
            }

            await using var second = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(data), _ => { }, CancellationToken.None);
            var again = new StorageClients(second.Connection);
            Assert.Equal("still here", (await again.Queue("kept").ReceiveMessageAsync()).Value.MessageText);
            Assert.Equal(7, (await again.Table("kept").GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("v"));
            Assert.Equal("blob", (await again.Container("kept").GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RoundTripAsync(StorageClients clients)
    {
        await clients.Queue("roundtrip").CreateIfNotExistsAsync();
        await clients.Queue("roundtrip").SendMessageAsync("m");
        Assert.Equal("m", (await clients.Queue("roundtrip").ReceiveMessageAsync()).Value.MessageText);
        await clients.Table("roundtrip").CreateIfNotExistsAsync();
        await clients.Table("roundtrip").UpsertEntityAsync(new TableEntity("p", "r") { ["v"] = 1 });
        Assert.Equal(1, (await clients.Table("roundtrip").GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("v"));
        await clients.Container("roundtrip").CreateIfNotExistsAsync();
        await clients.Container("roundtrip").GetBlobClient("b").UploadAsync(BinaryData.FromString("x"));
        Assert.Equal("x", (await clients.Container("roundtrip").GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
    }
}
