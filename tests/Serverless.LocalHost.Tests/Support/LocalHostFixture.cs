using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Storage;
using Serverless.Testing;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>
/// One Azurite for the assembly, and one running local host over the test app (tests/Serverless.TestHandler/app)
/// with the real test handler process. Tests that need their own host start it with <see cref="StartHostAsync"/>.
/// </summary>
public sealed class LocalHostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const long BodyLimit = 64 * 1024;
    public const string SharedHostId = "shared-test-host";

    private readonly AzuriteFixture _azurite = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string MarkerDirectory { get; } = Directory.CreateTempSubdirectory("serverless-markers-").FullName;

    public StorageClients Storage => _azurite.Clients;

    public StorageConnection Connection => _azurite.Connection;

    /// <summary>A queue client reading what the host writes (base64, as the Functions queue extension does).</summary>
    public QueueClient Queue(string name) => Storage.Queues(QueueMessageEncoding.Base64).GetQueueClient(name);

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Host = await StartHostAsync(new Dictionary<string, string?>(), TimeProvider.System, SharedHostId);
        Http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<LocalFunctionsHost> StartHostAsync(IDictionary<string, string?> settings, TimeProvider clock, string hostId, ILoggerFactory? loggers = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["SERVERLESS_ADMIN_KEY"] = AdminKey,
            ["TickSchedule"] = "0 0 0 1 1 *",
            ["TickQueue"] = "ticks-shared",
            ["TEST_MARKER_DIR"] = MarkerDirectory,
            [LocalFunctionsHost.BodySizeLimitSetting] = BodyLimit.ToString(),
        };
        foreach (var (name, value) in settings)
        {
            all[name] = value;
        }
        return LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = RepositoryPaths.TestApp,
            Storage = Connection,
            Port = 0,
            Handler = RepositoryPaths.TestHandler,
            AppSettings = all,
            Clock = clock,
            HostId = hostId,
            // Hosts a test starts for itself get their own task hub, so they never take the shared host's partitions.
            HubName = hostId == SharedHostId ? null : "Hub" + new string(hostId.Where(char.IsAsciiLetterOrDigit).ToArray()),
        }, loggers ?? TestLogging.Factory, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        Directory.Delete(MarkerDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "LocalHost";
}
