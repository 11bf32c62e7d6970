using Azure.Data.Tables;
using Serverless.LocalHost.Tests.Support;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Azurite;

[Collection(LocalHostCollection.Name)]
public sealed class StorageClientsTests(LocalHostFixture host)
{
    [Fact]
    public async Task Blob_queue_and_table_clients_talk_to_azurite_with_pinned_service_versions()
    {
        var clients = host.Storage;

        var container = clients.Container(UniqueNames.Queue("blobs"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("a.txt").UploadAsync(BinaryData.FromString("hello"));
        var downloaded = await container.GetBlobClient("a.txt").DownloadContentAsync();
        Assert.Equal("hello", downloaded.Value.Content.ToString());

        var queue = clients.Queue(UniqueNames.Queue("q"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("m1");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("m1", received.Value.MessageText);

        var table = clients.Table(UniqueNames.Table("t"));
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["v"] = 42 });
        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("v"));

        Assert.True(clients.Counter.Count >= 9, $"expected every request to be counted, got {clients.Counter.Count}");
    }
}
