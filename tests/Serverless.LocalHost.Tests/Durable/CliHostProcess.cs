using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>
/// <c>serverless start</c> as a separate process over a copy of the test app whose host.json names its own task hub,
/// on the fixture's Azurite, with short lease and visibility times so failover happens within seconds.
/// </summary>
internal sealed class CliHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private CliHostProcess(Process process, int port)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
        Api = new DurableApi(Http, LocalHostFixture.AdminKey);
    }

    public HttpClient Http { get; }

    public DurableApi Api { get; }

    /// <summary>A copy of the test app whose host.json uses <paramref name="hubName"/>.</summary>
    public static string CopyAppWithHub(string hubName)
    {
        var target = Directory.CreateTempSubdirectory("serverless-app-").FullName;
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.TestApp, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.TestApp, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(target, "host.json")))!.AsObject();
        var extensions = hostJson["extensions"]!.AsObject();
        extensions["durableTask"] = new JsonObject { ["hubName"] = hubName };
        File.WriteAllText(Path.Combine(target, "host.json"), hostJson.ToJsonString());
        return target;
    }

    public static async Task<CliHostProcess> StartAsync(LocalHostFixture fixture, string appRoot, string hubName)
    {
        int port = FreePort();
        var cli = Path.Combine(RepositoryPaths.Root, "infra", "Serverless.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "serverless.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "start", "--app-root", appRoot, "--handler", Path.Combine(RepositoryPaths.Root, "tests", "Serverless.TestHandler", "bin", RepositoryPaths.Configuration, "net10.0", "Serverless.TestHandler.dll"), "--port", port.ToString() })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["AzureWebJobsStorage"] = fixture.Connection.ConnectionString;
        start.Environment["SERVERLESS_ADMIN_KEY"] = LocalHostFixture.AdminKey;
        start.Environment["TickSchedule"] = "0 0 0 1 1 *";
        start.Environment["TickQueue"] = "ticks-" + hubName.ToLowerInvariant();
        start.Environment["TEST_MARKER_DIR"] = fixture.MarkerDirectory;
        start.Environment["SERVERLESS_DURABLE_LEASE"] = "00:00:04";
        start.Environment["SERVERLESS_DURABLE_VISIBILITY"] = "00:00:05";
        start.Environment["SERVERLESS_DURABLE_MAX_IDLE_POLL"] = "00:00:01";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new CliHostProcess(process, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"serverless start exited with {process.ExitCode}.");
            }
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
                request.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
                using var response = await host.Http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        await host.DisposeAsync();
        throw new TimeoutException("serverless start did not answer within 60 s.");
    }

    /// <summary>SIGKILL to the host and its handler: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        _process.Dispose();
        Http.Dispose();
        await Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
