using System.CommandLine;
using System.Diagnostics;
using Serverless.Cli.Publishing;
using Serverless.LocalHost.FunctionsHost.Configuration;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless publish</c>: builds <c>artifacts/functionapp.zip</c> in the Azure Functions layout.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output") { Description = "Where to write the zip", DefaultValueFactory = _ => Path.Combine("artifacts", "functionapp.zip") };
        var appRoot = new Option<string?>("--app-root") { Description = "Folder with host.json and functions/ (default: found from the working directory upwards)" };
        var command = new Command("publish", "Build the deployable Functions app zip (host.json, function folders, self-contained linux-x64 handler)") { output, appRoot };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(output)!, parse.GetValue(appRoot), ct));
        return command;
    }

    private static async Task<int> RunAsync(string output, string? appRootOption, CancellationToken cancellationToken)
    {
        try
        {
            var root = AppRootLocator.Find(appRootOption);
            var host = HostJsonLoader.Load(Path.Combine(root, "host.json"), "host.json");
            var executable = host.Handler.DefaultExecutablePath.Replace('\\', '/');
            var handlerFolder = Path.GetDirectoryName(executable) ?? "";
            var work = Path.Combine(root, "artifacts", "publish");
            var handlerOut = Path.Combine(work, "handler-build");

            Console.WriteLine("[1/3] Publishing the handler (Release, self-contained, linux-x64) ...");
            var project = Path.Combine(root, "functions", "Serverless.Functions", "Serverless.Functions.csproj");
            await DotnetAsync(["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true", "-o", handlerOut, "-p:DebugType=none", "--nologo", "-v", "quiet"], cancellationToken);
            if (Path.GetFileName(executable) != "Serverless.Functions")
            {
                throw new CliException($"host.json customHandler.description.defaultExecutablePath \"{executable}\" does not name the handler executable Serverless.Functions.");
            }

            Console.WriteLine("[2/3] Laying out host.json, function folders and the handler ...");
            var staging = Path.Combine(work, "app");
            var functions = FunctionAppPackage.Stage(root, handlerOut, staging, handlerFolder);
            if (!File.Exists(Path.Combine(staging, executable)))
            {
                throw new CliException($"The published handler has no {executable}.");
            }

            Console.WriteLine("[3/3] Writing the zip ...");
            var zip = Path.GetFullPath(Path.IsPathRooted(output) ? output : Path.Combine(root, output));
            FunctionAppPackage.Zip(staging, zip);
            Console.WriteLine($"Wrote {zip} ({new FileInfo(zip).Length / 1024 / 1024} MB): host.json, {functions.Count} functions ({string.Join(", ", functions)}), handler at {executable}.");
            return 0;
        }
        catch (Exception ex) when (ex is CliException or ConfigurationException or IOException)
        {
            Console.Error.WriteLine($"serverless publish: {ex.Message}");
            return 1;
        }
    }

    private static async Task DotnetAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new CliException("Could not run dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new CliException($"dotnet {string.Join(' ', args.Take(2))} failed (exit {process.ExitCode}):\n{await stdout}{await stderr}");
        }
    }
}
