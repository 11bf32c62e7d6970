using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Serverless.Cli.Benchmarks.Hasa;
using Serverless.LocalHost;
using Serverless.LocalHost.Azurite;
using Serverless.LocalHost.Clock;

namespace Serverless.Cli.Commands;

/// <summary>
/// <c>serverless bench hasa</c>: N HASA cases created through the HTTP API with their events, the virtual clock advanced,
/// every ledger row checked against plain date arithmetic. Prints phase timings and host-side storage transactions;
/// writes artifacts/bench/hasa.json; exits 1 on any mismatch.
/// </summary>
internal static class BenchHasaCommand
{
    private static readonly DateTimeOffset ClockStart = DateTimeOffset.Parse("2026-01-05T14:00:00Z", CultureInfo.InvariantCulture);

    public static Command Create()
    {
        var cases = new Option<int>("--cases") { Description = "HASA cases to create", DefaultValueFactory = _ => 10_000 };
        var days = new Option<int>("--days") { Description = "Days the virtual clock is advanced (at least 30)", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--output") { Description = "Where to write the figures", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "hasa.json") };
        var command = new Command("hasa", "Benchmark HASA: 10,000 cases through the HTTP API, virtual clock +200 days, every ledger status checked");
        foreach (var option in new Option[] { cases, days, concurrency, output })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var o = parse.InvocationConfiguration.Output;
            int count = parse.GetValue(cases), dayCount = parse.GetValue(days), parallel = parse.GetValue(concurrency);
            if (count < 1 || dayCount < HasaBenchCase.LaterEventDay || parallel < 1)
            {
                throw new CliException($"--cases and --concurrency must be at least 1 and --days at least {HasaBenchCase.LaterEventDay}.");
            }
            var figures = await RunAsync(o, count, dayCount, parallel, ct);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ct);
            o.WriteLine($"wrote {path}");
            return figures["mismatches"]!.GetValue<int>() == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<JsonObject> RunAsync(TextWriter output, int count, int days, int concurrency, CancellationToken ct)
    {
        var root = AppRootLocator.Find(null);
        var commit = Benchmarks.GitCommit.Of(root); // read now: a long run outlives the checkout it was built from
        output.WriteLine("starting Azurite (in memory) ...");
        await using var azurite = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(), _ => { }, ct);
        var clock = new VirtualClock(ClockStart);
        var adminKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Error));
        output.WriteLine("starting the app (repository root) on the local host ...");
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            AppRoot = root,
            Storage = azurite.Connection,
            Port = 0,
            BuildConfiguration = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug",
            AppSettings = new Dictionary<string, string?>
            {
                ["SERVERLESS_ADMIN_KEY"] = adminKey,
                ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
                ["SERVERLESS_DEV_TOKEN_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            },
            Clock = clock,
            HostId = "bench-hasa",
            HubName = "benchhasa",
        }, loggers, ct);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var api = await HasaBenchApi.ConnectAsync(http, adminKey, ct);
        var start = DateOnly.FromDateTime(ClockStart.UtcDateTime);
        var all = Enumerable.Range(0, count).Select(i => HasaBenchCase.For(i, start)).ToList();
        var later = all.Where(c => c.Kind != HasaBenchKind.PlacementOnly).ToList();
        var counter = host.Storage.Counter;
        var failures = new List<string>();
        var phases = new JsonObject();

        async Task<(double Seconds, long Transactions)> Phase(string name, Func<Task<TimeSpan>> run)
        {
            long handlerBefore = await api.HandlerTransactionsAsync(ct);
            counter.Reset();
            var watch = Stopwatch.StartNew();
            await run();
            var elapsed = watch.Elapsed;
            long hostSide = counter.Count;
            long handlerSide = await api.HandlerTransactionsAsync(ct) - handlerBefore;
            long transactions = hostSide + handlerSide;
            phases[name] = new JsonObject
            {
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 1),
                ["storageTransactions"] = transactions,
                ["hostTransactions"] = hostSide,
                ["handlerTransactions"] = handlerSide,
            };
            output.WriteLine($"  {name}: {elapsed.TotalSeconds:N1} s, {transactions:N0} storage transactions (host {hostSide:N0}, handler {handlerSide:N0})");
            return (elapsed.TotalSeconds, transactions);
        }

        async Task<TimeSpan> Each(string label, IReadOnlyList<HasaBenchCase> cases, Func<HasaBenchCase, Task> step)
        {
            var (elapsed, failed) = await HasaBenchRunner.ForEachAsync(output, label, cases, concurrency, step, ct);
            failures.AddRange(failed);
            return elapsed;
        }

        async Task<TimeSpan> Advance(int by)
        {
            var watch = Stopwatch.StartNew();
            output.WriteLine($"advancing the virtual clock {by} days ...");
            int steps = await clock.AdvanceAsync(TimeSpan.FromDays(by), ct);
            output.WriteLine($"  clock at {clock.GetUtcNow():O} after {steps} timer steps");
            return watch.Elapsed;
        }

        var total = Stopwatch.StartNew();
        var create = await Phase("create", () => Each("create", all, c => api.CreateAsync(c, ct)));
        var placements = await Phase("events-placement", () => Each("placement", all, c => api.PlaceAsync(c, ct)));
        var advance1 = await Phase($"advance-{HasaBenchCase.LaterEventDay}d", () => Advance(HasaBenchCase.LaterEventDay));
        var laterEvents = await Phase("events-day-30", () => Each("day 30", later, c => api.LaterEventAsync(c, ct)));
        var advance2 = await Phase($"advance-{days - HasaBenchCase.LaterEventDay}d", () => Advance(days - HasaBenchCase.LaterEventDay));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        List<string> mismatches = [];
        int rows = 0, listed = 0, pages = 0;
        var verify = await Phase("verify", async () =>
        {
            (mismatches, rows, listed, pages, var elapsed) = await HasaBenchVerifier.VerifyAsync(output, api, all, today, concurrency, ct);
            return elapsed;
        });
        total.Stop();

        foreach (var line in failures.Take(20).Concat(mismatches.Take(50)))
        {
            output.WriteLine("  MISMATCH " + line);
        }
        int bad = failures.Count + mismatches.Count;
        double eventsSeconds = placements.Seconds + laterEvents.Seconds;
        int eventCount = all.Count + later.Count;
        output.WriteLine($"HASA x {count:N0} cases, clock +{days} days (to {today:yyyy-MM-dd}), {concurrency} in flight:");
        output.WriteLine($"  create {count / create.Seconds:N1} cases/s; events {eventCount / eventsSeconds:N1} events/s ({eventCount:N0}); advance {advance1.Seconds + advance2.Seconds:N1} s; verify {rows:N0} ledger rows + {listed:N0} listed missed ({pages} pages) in {verify.Seconds:N1} s");
        long allTransactions = create.Transactions + placements.Transactions + advance1.Transactions + laterEvents.Transactions + advance2.Transactions + verify.Transactions;
        output.WriteLine($"  storage transactions: {allTransactions:N0} ({allTransactions / (double)count:N1} per case), the local host's (durable backend, timers) plus the handler's (case log, ledger, audit)");
        output.WriteLine($"  {(bad == 0 ? "every ledger status matches the independent computation" : $"{bad} mismatches or failed requests")}; total {total.Elapsed.TotalSeconds:N1} s");

        return new JsonObject
        {
            ["cases"] = count,
            ["days"] = days,
            ["concurrency"] = concurrency,
            ["casesPerSecondCreate"] = Math.Round(count / create.Seconds, 1),
            ["eventsPerSecond"] = Math.Round(eventCount / eventsSeconds, 1),
            ["events"] = eventCount,
            ["ledgerRowsChecked"] = rows,
            ["listedMissed"] = listed,
            ["mismatches"] = bad,
            ["phases"] = phases,
            ["storageTransactions"] = allTransactions,
            ["storageTransactionsScope"] = "every storage request of the local host process (durable backend, timers; StorageClients.Counter) and of the handler process (case log, ledger, audit; from /api/health, which adds its own three probes per reading)",
            ["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
            ["commit"] = commit,
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
