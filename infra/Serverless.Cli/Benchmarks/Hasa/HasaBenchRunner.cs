using System.Collections.Concurrent;
using System.Diagnostics;

namespace Serverless.Cli.Benchmarks.Hasa;

/// <summary>Runs one step for every case with bounded concurrency, drawing progress; failures are collected, not thrown.</summary>
internal static class HasaBenchRunner
{
    public static async Task<(TimeSpan Elapsed, List<string> Failures)> ForEachAsync(
        TextWriter output, string label, IReadOnlyList<HasaBenchCase> cases, int concurrency, Func<HasaBenchCase, Task> step, CancellationToken ct)
    {
        var failures = new ConcurrentQueue<string>();
        int done = 0;
        int lastTenth = -1;
        var watch = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(concurrency);
        using var drawing = new CancellationTokenSource();
        var drawer = Task.Run(async () =>
        {
            while (!drawing.IsCancellationRequested)
            {
                Draw(output, label, Volatile.Read(ref done), cases.Count, watch.Elapsed, ref lastTenth);
                try
                {
                    await Task.Delay(500, drawing.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);
        await Task.WhenAll(cases.Select(async c =>
        {
            await slots.WaitAsync(ct);
            try
            {
                await step(c);
            }
            catch (Exception ex) when (ex is HasaBenchException or HttpRequestException || ex is TaskCanceledException && !ct.IsCancellationRequested)
            {
                failures.Enqueue($"{c.CaseId}: {ex.Message}");
            }
            finally
            {
                Interlocked.Increment(ref done);
                slots.Release();
            }
        }));
        watch.Stop();
        await drawing.CancelAsync();
        await drawer;
        Draw(output, label, done, cases.Count, watch.Elapsed, ref lastTenth);
        if (!Console.IsOutputRedirected)
        {
            output.WriteLine();
        }
        return (watch.Elapsed, [.. failures]);
    }

    private static void Draw(TextWriter output, string label, int done, int total, TimeSpan elapsed, ref int lastTenth)
    {
        if (Console.IsOutputRedirected)
        {
            // a log file gets a line per tenth, not a redraw every half second
            int tenth = total == 0 ? 10 : (int)((long)done * 10 / total);
            if (tenth != lastTenth)
            {
                lastTenth = tenth;
                output.WriteLine($"{label,-10} {done,6}/{total} {elapsed.TotalSeconds:N0} s");
            }
            return;
        }
        const int width = 30;
        int filled = total == 0 ? width : (int)((long)done * width / total);
        output.Write($"\r{label,-10} [{new string('#', filled)}{new string('.', width - filled)}] {done,6}/{total} {elapsed.TotalSeconds:N0} s   ");
    }
}
