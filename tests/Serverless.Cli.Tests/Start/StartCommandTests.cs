using System.Diagnostics;
using System.Net;
using System.Text;
using Serverless.LocalHost.Processes;
using Serverless.Testing;

namespace Serverless.Cli.Tests.Start;

/// <summary><c>serverless start</c> as a person runs it: a process, a port, a health check, Ctrl+C.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Start_serves_health_prints_the_functions_and_a_generated_admin_key_and_stops_on_SIGTERM()
    {
        var port = TcpPorts.FindFree();
        var output = new StringBuilder();
        using var process = StartCli(["start", "--port", port.ToString()], new() { ["AzureWebJobsStorage"] = azurite.Connection.ConnectionString }, output);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            HttpStatusCode? status = null;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync($"http://localhost:{port}/api/health");
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(status == HttpStatusCode.OK, $"health answered {status}; output:\n{output}");
            var printed = output.ToString();
            Assert.Contains($"Health: [GET] http://localhost:{port}/api/health", printed);
            Assert.Contains("Heartbeat: timerTrigger \"0 */5 * * * *\"", printed);
            Assert.Contains("Admin (master) key, generated and stored on this first start:", printed);
        }
        finally
        {
            if (!process.HasExited)
            {
                Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Stopping", output.ToString());
    }

    [Fact]
    public async Task Start_with_a_malformed_function_json_exits_1_naming_the_file_and_field()
    {
        var app = Directory.CreateTempSubdirectory("serverless-badapp-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(app, "host.json"), """{ "version": "2.0", "customHandler": { "description": { "defaultExecutablePath": "handler/x" } } }""");
            Directory.CreateDirectory(Path.Combine(app, "functions", "Broken"));
            File.WriteAllText(Path.Combine(app, "functions", "Broken", "function.json"), """{ "bindings": [ { "type": "timerTrigger", "direction": "in", "name": "t", "schedule": "every day" } ] }""");

            var result = await ServerlessProcessWithEnv(["start", "--app-root", app, "--port", TcpPorts.FindFree().ToString()]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("functions/Broken/function.json: bindings[0].schedule:", result.Error);
        }
        finally
        {
            Directory.Delete(app, recursive: true);
        }
    }

    private async Task<(int ExitCode, string Error)> ServerlessProcessWithEnv(string[] args)
    {
        var output = new StringBuilder();
        using var process = StartCli(args, new() { ["AzureWebJobsStorage"] = azurite.Connection.ConnectionString }, output, captureErrorSeparately: true);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await process.StandardError.ReadToEndAsync());
    }

    private static Process StartCli(string[] args, Dictionary<string, string> environment, StringBuilder output, bool captureErrorSeparately = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "serverless.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("SERVERLESS_ADMIN_KEY");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        if (!captureErrorSeparately)
        {
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginErrorReadLine();
        }
        return process;
    }
}
