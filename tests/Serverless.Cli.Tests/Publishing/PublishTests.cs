using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Cli.Tests.Clocks;
using Serverless.LocalHost;
using Serverless.Testing;

namespace Serverless.Cli.Tests.Publishing;

[Collection(AzuriteCollection.Name)]
public sealed class PublishTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), $"serverless-publish-{Guid.NewGuid():N}");
    private string Zip => Path.Combine(_output, "functionapp.zip");

    public async Task InitializeAsync()
    {
        var result = await ServerlessProcess.RunInAsync(RepositoryRoot.Path, TimeSpan.FromMinutes(8), "publish", "--output", Zip);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Zip_has_the_Azure_layout_with_an_executable_self_contained_handler()
    {
        using var zip = ZipFile.OpenRead(Zip);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();

        Assert.Contains("host.json", names);
        Assert.Contains("Health/function.json", names);
        Assert.Contains("Heartbeat/function.json", names);
        Assert.DoesNotContain(names, n => n.StartsWith("functions/", StringComparison.Ordinal));
        Assert.Contains("handler/Serverless.Functions.dll", names);
        Assert.Contains("handler/libhostfxr.so", names); // self-contained: the runtime travels with the handler
        var executable = zip.GetEntry("handler/Serverless.Functions")!;
        var mode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"handler mode is {mode}");

        using var hostJson = new StreamReader(zip.GetEntry("host.json")!.Open());
        var host = JsonNode.Parse(hostJson.ReadToEnd())!;
        Assert.Equal("handler/Serverless.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unpacked_zip_runs_under_the_local_host_and_answers_health()
    {
        var unpacked = Path.Combine(_output, "app");
        ZipFile.ExtractToDirectory(Zip, unpacked);

        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = unpacked,
            Storage = azurite.Connection,
            Port = 0,
            HostId = "published-zip",
        }, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith(Path.Combine("handler", "Serverless.Functions"), host.Handler.Command.FileName);
    }
}
