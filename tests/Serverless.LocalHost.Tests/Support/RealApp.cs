namespace Serverless.LocalHost.Tests.Support;

/// <summary>
/// The product's own app (host.json and functions/ at the repository root) on a local host with the real handler, in
/// Development so the host issues dev tokens the handler accepts. Each host gets its own task hub, named after its id.
/// </summary>
internal static class RealApp
{
    public const string DevTokenKey = "real-app-tests-dev-token-signing-key-0123456789";

    public static Task<LocalFunctionsHost> StartAsync(LocalHostFixture fixture, TimeProvider clock, string hostId) => LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        AppRoot = RepositoryPaths.Root,
        Storage = fixture.Connection,
        Port = 0,
        BuildConfiguration = RepositoryPaths.Configuration,
        AppSettings = new Dictionary<string, string?>
        {
            ["SERVERLESS_ADMIN_KEY"] = LocalHostFixture.AdminKey,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["SERVERLESS_DEV_TOKEN_KEY"] = DevTokenKey,
        },
        Clock = clock,
        HostId = hostId,
        HubName = hostId.Replace("-", ""),
    }, TestLogging.Factory, CancellationToken.None);

    /// <summary>A host id no other test uses: the prefix and 8 hex digits.</summary>
    public static string UniqueHostId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
