using System.Diagnostics;

namespace Serverless.Cli.Tests.Clocks;

/// <summary>Runs the built <c>serverless</c> CLI (copied next to the tests) and captures what it prints.</summary>
internal static class ServerlessProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunInAsync(null, TimeSpan.FromSeconds(60), args);

    public static async Task<Result> RunInAsync(string? workingDirectory, TimeSpan timeLimit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "serverless.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(timeLimit);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
