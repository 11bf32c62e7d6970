using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Testing;

public class ReplayBenchmarkTests
{
    [Fact]
    public void The_benchmark_replays_the_requested_history_size_and_reports_figures()
    {
        var result = ReplayBenchmark.Run(historyEvents: 402, throughputEpisodes: 10);

        Assert.Equal(402, result.HistoryEvents);
        Assert.True(result.ReplayAllocatedBytes > 0);
        Assert.True(result.EpisodesPerSecond > 0);
        Assert.Equal(10, result.ThroughputEpisodes);
    }
}
