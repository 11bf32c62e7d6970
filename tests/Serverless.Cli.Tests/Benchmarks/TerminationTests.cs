using System.Diagnostics;
using System.Runtime.InteropServices;
using Serverless.Testing;

namespace Serverless.Cli.Tests.Benchmarks;

/// <summary>SIGTERM (systemd, CI, <c>kill</c>) stops a long command as Ctrl+C does, taking Azurite and the handler with it.</summary>
public sealed class TerminationTests
{
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    [Fact]
    public async Task Sigterm_stops_a_running_bench_within_seconds_and_leaves_no_child_process()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test reads /proc; run it on Linux (CI does)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "serverless.dll"), "bench", "hasa", "--cases", "5000", "--output", Path.Combine(Path.GetTempPath(), $"sigterm-{Guid.NewGuid():N}.json") })
        {
            start.ArgumentList.Add(arg);
        }
        using var bench = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        bench.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        bench.BeginOutputReadLine();
        bench.BeginErrorReadLine();
        var children = new HashSet<int>();
        for (var i = 0; i < 600 && !Contains(output, "create "); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(Contains(output, "create "), "the bench never started creating cases: " + output);
        children.UnionWith(Descendants(bench.Id));
        Assert.True(children.Count >= 4, $"expected Azurite's three services and the handler under the bench, saw {children.Count}");

        Assert.Equal(0, Kill(bench.Id, 15));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bench.WaitForExitAsync(limit.Token);
        await Task.Delay(500);

        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !IsZombie(pid), $"child {pid} outlived the bench"));
    }

    private static bool Contains(System.Text.StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        foreach (var task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
        {
            var file = Path.Combine(task, "children");
            if (!File.Exists(file))
            {
                continue;
            }
            foreach (var child in File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                yield return child;
                foreach (var grandchild in Descendants(child))
                {
                    yield return grandchild;
                }
            }
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
