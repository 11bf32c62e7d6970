using Serverless.LocalHost.Clock;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>Many timers due at one instant are fed to the control queues a batch at a time, not all at once.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class TimerBackpressureTests(LocalHostFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Instances = 600;
    private const int Partitions = 4;
    // a batch of 32 fired while fewer than 32 were waiting: never more than 63 in a partition's queue
    private const int MostQueued = 63;

    [Fact]
    public async Task Six_hundred_timers_due_at_once_never_queue_more_than_two_batches_per_partition_and_all_fire()
    {
        var clock = new VirtualClock(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        var hub = IsolatedHost.NewHubName("Press");
        await using var host = await IsolatedHost.StartAsync(fixture, clock, hub, new() { PartitionCount = Partitions });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", LocalHostFixture.AdminKey);
        var api = new DurableApi(http, LocalHostFixture.AdminKey);
        var ids = Enumerable.Range(0, Instances).Select(i => $"press-{i:D4}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) => await api.StartAsync("LongTimer", id, "1"));
        await clock.AdvanceAsync(TimeSpan.Zero, CancellationToken.None); // waits until every start has run its first episode
        var names = new TaskHubNames(hub, Partitions);
        var queues = Enumerable.Range(0, Partitions).Select(p => fixture.Storage.Queue(names.ControlQueue(p))).ToList();

        int most = 0;
        var advance = clock.AdvanceAsync(TimeSpan.FromDays(1), CancellationToken.None);
        while (!advance.IsCompleted)
        {
            foreach (var queue in queues)
            {
                most = Math.Max(most, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
            }
        }
        await advance;

        output.WriteLine($"most messages seen in one control queue: {most}");
        Assert.InRange(most, 1, MostQueued);
        using var completed = await api.SendAsync(HttpMethod.Get, "instances?instanceIdPrefix=press-&runtimeStatus=Completed&top=1&showTotalCount=true");
        Assert.Equal(Instances.ToString(System.Globalization.CultureInfo.InvariantCulture), completed.Headers.GetValues("x-ms-total-count").Single());
    }
}
