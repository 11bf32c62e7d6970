using Serverless.LocalHost.Durable;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>A host of its own over the test app, on its own task hub so it shares no partitions with the shared host.</summary>
internal static class IsolatedHost
{
    public static string NewHubName(string purpose) => purpose + Guid.NewGuid().ToString("N")[..10];

    public static Task<LocalFunctionsHost> StartAsync(LocalHostFixture fixture, TimeProvider clock, string hubName, DurableBackendOptions? durable = null, Serverless.Storage.StorageConnection? storage = null) =>
        LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = RepositoryPaths.TestApp,
            Storage = storage ?? fixture.Connection,
            Port = 0,
            Handler = RepositoryPaths.TestHandler,
            AppSettings = new Dictionary<string, string?>
            {
                ["SERVERLESS_ADMIN_KEY"] = LocalHostFixture.AdminKey,
                ["TickSchedule"] = "0 0 0 1 1 *",
                ["TickQueue"] = "ticks-" + hubName.ToLowerInvariant(),
                ["TEST_MARKER_DIR"] = fixture.MarkerDirectory,
            },
            Clock = clock,
            HostId = "host-" + hubName.ToLowerInvariant(),
            HubName = hubName,
            Durable = durable ?? new DurableBackendOptions(),
        }, TestLogging.Factory, CancellationToken.None);
}
