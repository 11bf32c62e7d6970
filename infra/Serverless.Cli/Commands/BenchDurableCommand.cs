using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost;
using Serverless.LocalHost.Azurite;
using Serverless.LocalHost.Durable;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.Storage;

namespace Serverless.Cli.Commands;

/// <summary>
/// <c>serverless bench durable</c>: the Durable Functions "HelloCities5" shape (five no-op activities in sequence) on the
/// local host and a fresh in-memory Azurite; throughput, latency, storage transactions per orchestration, storage
/// transactions per idle hour with instances waiting on timers, and timer lateness. Writes artifacts/bench/durable.json.
/// </summary>
internal static class BenchDurableCommand
{
    private const int EventsPerOrchestration = 10;

    public static Command Create()
    {
        var orchestrations = new Option<int>("--orchestrations") { Description = "HelloCities5 instances to run", DefaultValueFactory = _ => 1_000 };
        var idleInstances = new Option<int>("--idle-instances") { Description = "Instances left waiting on 7-day timers while idle cost is measured", DefaultValueFactory = _ => 10_000 };
        var idleMinutes = new Option<double>("--idle-minutes") { Description = "How long idle cost is measured (extrapolated to an hour)", DefaultValueFactory = _ => 10 };
        var timers = new Option<int>("--timers") { Description = "Short timers whose lateness is measured", DefaultValueFactory = _ => 200 };
        var output = new Option<string>("--output") { Description = "Where to write the figures", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "durable.json") };
        var command = new Command("durable", "Benchmark the durable backend: HelloCities5 x 1,000, idle cost with 10,000 waiting timers, timer lateness");
        foreach (var option in new Option[] { orchestrations, idleInstances, idleMinutes, timers, output })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var figures = await RunAsync(parse.InvocationConfiguration.Output, parse.GetValue(orchestrations), parse.GetValue(idleInstances), parse.GetValue(idleMinutes), parse.GetValue(timers), ct);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}");
            return 0;
        });
        return command;
    }

    private static async Task<JsonObject> RunAsync(TextWriter output, int count, int idleCount, double idleMinutes, int timerCount, CancellationToken ct)
    {
        var root = RepositoryRoot();
        var commit = Benchmarks.GitCommit.Of(root);
        output.WriteLine("starting Azurite (in memory) ...");
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(), _ => { }, ct);
        var configuration = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";
        var handler = Path.Combine(root, "infra", "Serverless.BenchHandler", "bin", configuration, "net10.0", "Serverless.BenchHandler.dll");
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error).AddFilter("Host.Durable", LogLevel.Warning));
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = Path.Combine(root, "infra", "bench"),
            Storage = azurite.Connection,
            Port = 0,
            Handler = HandlerCommand.ForPath(handler),
            HostId = "bench-durable",
        }, loggers, ct);
        var durable = host.Durable ?? throw new InvalidOperationException("The bench app has no durable functions.");
        // A separate client watches progress so the watching is not counted as the backend's transactions.
        var watcher = new StorageClients(azurite.Connection).Table("BenchHubInstances");

        // 1. Throughput and latency.
        var counter = host.Storage.Counter;
        counter.Reset();
        var watch = Stopwatch.StartNew();
        await StartAllAsync(durable, "HelloCities5", count, i => $"hello-{i:D6}", _ => null, ct);
        int helloMissing = await WaitWithProgressAsync(output, watcher, "hello-", count, "HelloCities5", ct);
        watch.Stop();
        long transactions = counter.Count;
        var latencies = await LatenciesAsync(watcher, "hello-", ct);
        double seconds = watch.Elapsed.TotalSeconds;
        output.WriteLine($"HelloCities5 x {count:N0}: {count / seconds:N1} orchestrations/s, {count * EventsPerOrchestration / seconds:N0} events/s, p50 {Percentile(latencies, 50):N0} ms, p95 {Percentile(latencies, 95):N0} ms, {transactions / (double)count:N1} storage transactions per orchestration");

        // 2. Timer lateness after a quiet spell: timers due 5 to 25 s from now while nothing else runs.
        var firstDue = DateTime.UtcNow.AddSeconds(5);
        await StartAllAsync(durable, "Sleeper", timerCount, i => $"late-{i:D5}", i => JsonSerializer.Serialize(firstDue.AddMilliseconds(20_000.0 * i / Math.Max(1, timerCount))), ct);
        int timersMissing = await WaitWithProgressAsync(output, watcher, "late-", timerCount, "timers", ct);
        var lateness = await OutputsAsync(watcher, "late-", ct);
        output.WriteLine($"timer lateness over {timerCount} timers: p50 {Percentile(lateness, 50):N0} ms, p95 {Percentile(lateness, 95):N0} ms");

        // 3. Idle cost with many instances waiting on 7-day timers (longer than a queue message can stay invisible).
        var weekAway = JsonSerializer.Serialize(DateTime.UtcNow.AddDays(7));
        await StartAllAsync(durable, "Sleeper", idleCount, i => $"idle-{i:D6}", _ => weekAway, ct);
        int idleMissing = await WaitWithProgressAsync(output, watcher, "idle-", idleCount, "waiting instances", ct, "Running");
        // Let the loops' idle back-off settle, so the window shows the steady state an idle hour is made of.
        await Task.Delay(TimeSpan.FromSeconds(30), ct);
        counter.Reset();
        var idleWatch = Stopwatch.StartNew();
        while (idleWatch.Elapsed < TimeSpan.FromMinutes(idleMinutes))
        {
            Draw(output, "idle", (int)idleWatch.Elapsed.TotalSeconds, (int)(idleMinutes * 60), $"{counter.Count} transactions");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        output.WriteLine();
        double idlePerHour = counter.Count * 60.0 / idleWatch.Elapsed.TotalMinutes;
        output.WriteLine($"idle with {idleCount:N0} instances waiting on timers: {counter.Count} transactions in {idleWatch.Elapsed.TotalMinutes:N1} min = {idlePerHour:N0} per hour");

        var figures = new JsonObject
        {
            ["eventsPerSecond"] = Math.Round(count * EventsPerOrchestration / seconds, 1),
            ["orchestrationsPerSecond"] = Math.Round(count / seconds, 2),
            ["p50Ms"] = Math.Round(Percentile(latencies, 50)),
            ["p95Ms"] = Math.Round(Percentile(latencies, 95)),
            ["storageTransactionsPerOrchestration"] = Math.Round(transactions / (double)count, 1),
            ["idleTransactionsPerHour"] = Math.Round(idlePerHour),
            ["timerLatenessP95Ms"] = Math.Round(Percentile(lateness, 95)),
            ["commit"] = commit,
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {CpuModel()}, .NET {Environment.Version}",
            ["orchestrations"] = count,
            ["idleInstances"] = idleCount,
            ["timers"] = timerCount,
            ["notCompleted"] = helloMissing,
            ["timersNotFired"] = timersMissing,
            ["idleNotRunning"] = idleMissing,
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        output.WriteLine(figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return figures;
    }

    private static async Task StartAllAsync(DurableHost durable, string name, int count, Func<int, string> id, Func<int, string?> input, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(32);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await slots.WaitAsync(ct);
            try
            {
                await durable.Operations.StartAsync(name, id(i), input(i), ct);
            }
            finally
            {
                slots.Release();
            }
        }));
    }

    private static async Task<int> WaitWithProgressAsync(TextWriter output, TableClient instances, string prefix, int count, string label, CancellationToken ct, string status = "Completed")
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + (char)(prefix[^1] + 1)} and RuntimeStatus eq {status}");
        int done = 0;
        var started = Stopwatch.StartNew();
        var lastProgress = Stopwatch.StartNew();
        while (done < count)
        {
            if (lastProgress.Elapsed > TimeSpan.FromSeconds(90))
            {
                output.WriteLine();
                output.WriteLine($"{count - done} of {count} never reached {status} (no progress for 90 s); going on without them");
                return count - done;
            }
            int before = done;
            try
            {
                int counted = 0;
                await foreach (var _ in instances.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: ct))
                {
                    counted++;
                }
                done = counted;
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or AggregateException or TaskCanceledException)
            {
                // Only the progress display missed a beat (Azurite busy); the run goes on.
            }
            if (done > before)
            {
                lastProgress.Restart();
            }
            Draw(output, label, done, count, $"{started.Elapsed.TotalSeconds:N0} s");
            if (done < count)
            {
                // Counting scans the table in Azurite: look less often when it is large, so watching does not slow the run.
                await Task.Delay(count > 2_000 ? 3_000 : 500, ct);
            }
        }
        output.WriteLine();
        return 0;
    }

    private static void Draw(TextWriter output, string label, int done, int total, string note)
    {
        const int width = 30;
        int filled = total == 0 ? width : (int)((long)done * width / total);
        output.Write($"\r{label,-18} [{new string('#', filled)}{new string('.', width - filled)}] {done,6}/{total} {note}   ");
    }

    private static async Task<List<double>> LatenciesAsync(TableClient instances, string prefix, CancellationToken ct)
    {
        var values = new List<double>();
        await foreach (var row in instances.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}"), cancellationToken: ct))
        {
            values.Add((row.GetDateTimeOffset("LastUpdatedTime")!.Value - row.GetDateTimeOffset("CreatedTime")!.Value).TotalMilliseconds);
        }
        return values;
    }

    private static async Task<List<double>> OutputsAsync(TableClient instances, string prefix, CancellationToken ct)
    {
        var values = new List<double>();
        await foreach (var row in instances.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}"), cancellationToken: ct))
        {
            values.Add(double.Parse(row.GetString("Output")!, CultureInfo.InvariantCulture));
        }
        return values;
    }

    private static double Percentile(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new CliException("Run the benchmark from inside the repository (Serverless.sln not found above the working directory).");
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
