using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Serverless.Storage;

/// <summary>
/// Builds Azure Storage clients with service versions that both Azure and Azurite accept.
/// Blobs 12.30 and Queues 12.28 default to an API version Azurite rejects, so it is pinned here, once.
/// Every request passes through <see cref="StorageTransactionCounter"/> so benchmarks can count transactions.
/// </summary>
public sealed class StorageClients
{
    private readonly StorageConnection _connection;

    public StorageClients(StorageConnection connection, StorageTransactionCounter? counter = null)
    {
        _connection = connection;
        Counter = counter ?? new StorageTransactionCounter();
    }

    public StorageConnection Connection => _connection;

    public StorageTransactionCounter Counter { get; }

    public BlobServiceClient Blobs() =>
        new(_connection.ConnectionString, WithCounter(new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06)));

    public QueueServiceClient Queues(QueueMessageEncoding encoding = QueueMessageEncoding.None) =>
        new(_connection.ConnectionString, WithCounter(new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = encoding }));

    public TableServiceClient Tables() =>
        new(_connection.ConnectionString, WithCounter(new TableClientOptions()));

    public BlobContainerClient Container(string name) => Blobs().GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues().GetQueueClient(name);

    public TableClient Table(string name) => Tables().GetTableClient(name);

    private T WithCounter<T>(T options) where T : Azure.Core.ClientOptions
    {
        options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
