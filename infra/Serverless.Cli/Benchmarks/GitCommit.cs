using System.Diagnostics;

namespace Serverless.Cli.Benchmarks;

/// <summary>The commit a benchmark's figures belong to: <c>git rev-parse HEAD</c> in the repository, or "unknown".</summary>
internal static class GitCommit
{
    public static string Of(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
            using var git = Process.Start(start)!;
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && text.Length > 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
