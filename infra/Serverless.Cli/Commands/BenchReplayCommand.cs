using System.CommandLine;
using System.Globalization;
using Serverless.Durable.Testing;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless bench replay</c>: replay time and allocation of a long history, executor throughput.</summary>
internal static class BenchReplayCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events")
        {
            Description = "Number of history events to replay",
            DefaultValueFactory = _ => 10_000,
        };
        var episodes = new Option<int>("--episodes")
        {
            Description = "Number of small episodes for the throughput figure",
            DefaultValueFactory = _ => 20_000,
        };
        var command = new Command("replay", "Benchmark the orchestration replay executor (figures are printed, not asserted)");
        command.Options.Add(events);
        command.Options.Add(episodes);
        command.SetAction(parseResult =>
        {
            var result = ReplayBenchmark.Run(parseResult.GetValue(events), parseResult.GetValue(episodes));
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"replay: {result.HistoryEvents} events in {result.ReplayTime.TotalMilliseconds:F1} ms (target < {ReplayBenchmarkResult.TargetReplayMilliseconds} ms)"));
            Console.WriteLine(string.Create(c, $"replay allocated: {result.ReplayAllocatedBytes / 1024.0 / 1024.0:F2} MB (target < {ReplayBenchmarkResult.TargetReplayAllocatedBytes / 1024 / 1024} MB)"));
            Console.WriteLine(string.Create(c, $"executor throughput: {result.EpisodesPerSecond:F0} episodes/s ({result.ThroughputEpisodes} episodes in {result.ThroughputTime.TotalMilliseconds:F0} ms)"));
            Console.WriteLine(result.MeetsTargets ? "targets: met" : "targets: missed");
            return 0;
        });
        return command;
    }
}
