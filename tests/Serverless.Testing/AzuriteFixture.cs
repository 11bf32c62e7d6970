using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Serverless.LocalHost.Azurite;
using Serverless.Storage;
using Xunit;

namespace Serverless.Testing;

/// <summary>
/// One Azurite for the test assembly: a Testcontainers container when a Docker engine answers,
/// otherwise the pinned npm package from infra/azurite on free ports, in memory.
/// Tests isolate themselves with unique table, queue and container names.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string Image = "mcr.microsoft.com/azure-storage/azurite";
    private IContainer? _container;
    private AzuriteProcess? _process;
    private StorageConnection? _connection;

    public StorageConnection Connection => _connection ?? throw new InvalidOperationException("Azurite has not started.");

    public StorageClients Clients => new(Connection);

    /// <summary>How this run got its Azurite: "docker" or "npm".</summary>
    public string Source { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (await TryStartContainerAsync())
        {
            return;
        }
        _process = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(), _ => { }, CancellationToken.None);
        _connection = _process.Connection;
        Source = "npm";
    }

    private async Task<bool> TryStartContainerAsync()
    {
        try
        {
            var container = new ContainerBuilder(Image)
                .WithPortBinding(10000, true)
                .WithPortBinding(10001, true)
                .WithPortBinding(10002, true)
                .WithCommand("azurite", "--blobHost", "0.0.0.0", "--queueHost", "0.0.0.0", "--tableHost", "0.0.0.0", "--inMemoryPersistence", "--skipApiVersionCheck")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(10002))
                .Build();
            await container.StartAsync();
            _container = container;
            _connection = StorageConnection.ForAzurite(container.Hostname, container.GetMappedPublicPort(10000), container.GetMappedPublicPort(10001), container.GetMappedPublicPort(10002));
            Source = "docker";
            return true;
        }
        catch (Exception ex) when (ex is DockerUnavailableException or TimeoutException or InvalidOperationException or System.Net.Http.HttpRequestException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}

/// <summary>
/// The collection name for tests that share the assembly's Azurite. xunit 2 only finds collection definitions
/// in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(AzuriteCollection.Name)] public sealed class AzuriteCollectionDefinition : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// and its tests carry <c>[Collection(AzuriteCollection.Name)]</c>.
/// </summary>
public static class AzuriteCollection
{
    public const string Name = "Azurite";
}
