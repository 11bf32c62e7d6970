using System.CommandLine;
using System.Diagnostics;
using NodaTime;
using Serverless.LocalHost.Azurite;
using Serverless.Storage;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Cli.Commands;

/// <summary>
/// <c>serverless bench clocks</c>: business-day arithmetic throughput and the ledger's "overdue in one office"
/// query against Azurite. Prints figures; targets (under 2 s, under 200 ms) are shown, not asserted.
/// </summary>
internal static class BenchClocksCommand
{
    public static Command Create()
    {
        var additions = new Option<int>("--additions") { Description = "Business-day additions to time", DefaultValueFactory = _ => 1_000_000 };
        var deadlines = new Option<int>("--deadlines") { Description = "Open deadlines to load into the ledger", DefaultValueFactory = _ => 100_000 };
        var offices = new Option<int>("--offices") { Description = "Offices the deadlines are spread over", DefaultValueFactory = _ => 20 };
        var skipLedger = new Option<bool>("--skip-ledger") { Description = "Only time the arithmetic" };
        var command = new Command("clocks", "Benchmark statutory clocks: 1,000,000 business-day additions; overdue-in-one-office over 100,000 open deadlines");
        foreach (var option in new Option[] { additions, deadlines, offices, skipLedger })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            Arithmetic(output, parse.GetValue(additions));
            if (!parse.GetValue(skipLedger))
            {
                await LedgerQueryAsync(output, parse.GetValue(deadlines), Math.Max(1, parse.GetValue(offices)), ct);
            }
            return 0;
        });
        return command;
    }

    private static void Arithmetic(TextWriter output, int count)
    {
        var calendar = CalendarCatalog.Default.Get(CalendarIds.NycAgency);
        var random = new Random(20261124);
        var first = new LocalDate(1991, 1, 1);
        var starts = new LocalDate[count];
        var amounts = new int[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = first.PlusDays(random.Next(0, 39_000));
            amounts[i] = random.Next(0, 261);
        }
        ClockArithmetic.AddBusinessDays(starts[0], amounts[0], calendar); // warm up
        var watch = Stopwatch.StartNew();
        long checksum = 0;
        for (var i = 0; i < count; i++)
        {
            checksum += ClockArithmetic.AddBusinessDays(starts[i], amounts[i], calendar).Day;
        }
        watch.Stop();
        output.WriteLine($"business-day additions: {count:N0} in {watch.Elapsed.TotalMilliseconds:N0} ms " +
                         $"({count / watch.Elapsed.TotalSeconds:N0}/s; target < 2,000 ms; checksum {checksum})");
    }

    private static async Task LedgerQueryAsync(TextWriter output, int count, int offices, CancellationToken ct)
    {
        var setting = Environment.GetEnvironmentVariable(StorageConnection.SettingName);
        AzuriteProcess? azurite = null;
        StorageConnection connection;
        if (StorageConnection.IsDevelopmentStorageValue(setting))
        {
            azurite = await AzuriteProcess.StartAsync(AzuriteInstallation.Locate(), AzuriteOptions.OnFreePorts(), _ => { }, ct);
            connection = azurite.Connection;
        }
        else
        {
            connection = StorageConnection.FromSetting(setting);
        }
        await using var started = azurite;
        var clients = new StorageClients(connection);
        var table = clients.Table($"benchdeadlines{Guid.NewGuid():n}"[..30]);
        var now = SystemClock.Instance.GetCurrentInstant();
        var ledger = new DeadlineLedger(table, RuleBook.Embedded, new DeadlineCalculator(CalendarCatalog.Default), new FakeNow(now));
        await ledger.EnsureCreatedAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            await ledger.ImportAsync(Deadlines(count, offices, now), parallelism: 16, ct);
            output.WriteLine($"ledger load: {count:N0} open deadlines over {offices} offices in {watch.Elapsed.TotalSeconds:N1} s ({connection.IsDevelopmentStorage switch { true => "Azurite", false => "Azure" }})");

            var times = new List<double>();
            var found = 0;
            for (var run = 0; run < 7; run++)
            {
                watch.Restart();
                found = 0;
                await foreach (var _ in ledger.OpenDueBeforeAsync("APS", "office-03", now, ct))
                {
                    found++;
                }
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"overdue in one office: {found:N0} rows, median {times[times.Count / 2]:N0} ms, best {times[0]:N0} ms, first {times[^1]:N0} ms (of 7; target < 200 ms)");
        }
        finally
        {
            await table.DeleteAsync(ct);
        }
    }

    private static IEnumerable<DeadlineRecord> Deadlines(int count, int offices, Instant now)
    {
        var calculator = new DeadlineCalculator(CalendarCatalog.Default);
        var rule = RuleBook.Embedded.Get("aps.visit");
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            // referrals over the last 60 and next 30 days: about two thirds are overdue
            var referral = now - Duration.FromMinutes(random.Next(-30 * 24 * 60, 60 * 24 * 60));
            var computed = calculator.Compute(rule, new Dictionary<string, Instant> { ["ReferralReceived"] = referral });
            yield return DeadlineRecord.From(computed, RuleBook.Embedded.Version, $"bench{i:D7}", now, "bench",
                $"case{i:D7}", $"office-{i % offices:D2}");
        }
    }

    private sealed class FakeNow(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
