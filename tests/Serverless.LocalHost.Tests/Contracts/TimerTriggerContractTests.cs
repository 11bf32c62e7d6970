using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Serverless.LocalHost.FunctionsHost.Triggers;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Contracts;

[Collection(LocalHostCollection.Name)]
public sealed class TimerTriggerContractTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private Dictionary<string, string?> TimerOnlySettings(string schedule, string tickQueue) => new()
    {
        ["TickSchedule"] = schedule,
        ["TickQueue"] = tickQueue,
        // only the timer runs in these hosts; the shared host serves the queues
        ["AzureWebJobs.Items.Disabled"] = "true",
        ["AzureWebJobs.Orders.Disabled"] = "true",
        ["AzureWebJobs.Crashy.Disabled"] = "true",
        ["AzureWebJobs.Hang.Disabled"] = "true",
    };

    [Fact]
    public async Task Timer_fires_at_midnight_New_York_time_with_its_schedule_status_and_records_the_run()
    {
        var hostId = $"timer-{Guid.NewGuid():N}"[..20];
        var tickQueue = $"ticks-{Guid.NewGuid():N}"[..20];
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T04:59:58Z")); // 23:59:58 in New York
        var monitor = new ScheduleMonitor(fixture.Storage, hostId);
        await using var host = await fixture.StartHostAsync(TimerOnlySettings("0 0 0 * * *", tickQueue), clock, hostId);
        await WaitForStatusAsync(monitor);

        clock.Advance(TimeSpan.FromSeconds(3));
        var tick = await Eventually.MessageAsync(fixture.Queue(tickQueue), Within);

        var timer = tick["timer"]!;
        Assert.False(timer["IsPastDue"]!.GetValue<bool>());
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T05:00:00Z"), DateTimeOffset.Parse(timer["ScheduleStatus"]!["Next"]!.GetValue<string>()));
        Assert.True(timer["Schedule"]!["AdjustForDST"]!.GetValue<bool>());
        var status = await WaitForStatusAsync(monitor, s => s.Last != default);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T05:00:00Z"), status.Last);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T05:00:00Z"), status.Next);
    }

    [Fact]
    public async Task Occurrence_missed_while_the_host_was_down_fires_once_at_start_as_past_due()
    {
        var hostId = $"missed-{Guid.NewGuid():N}"[..20];
        var tickQueue = $"ticks-{Guid.NewGuid():N}"[..20];
        var now = DateTimeOffset.Parse("2026-11-24T15:00:00Z");
        var clock = new FakeTimeProvider(now);
        var monitor = new ScheduleMonitor(fixture.Storage, hostId);
        // The host last ran at 07:00 New York yesterday and stopped before today's 07:00 occurrence.
        var missed = DateTimeOffset.Parse("2026-11-24T12:00:00Z");
        await monitor.WriteAsync("Tick", new ScheduleStatus(DateTimeOffset.Parse("2026-11-23T12:00:00Z"), missed, DateTimeOffset.Parse("2026-11-23T12:00:01Z")), CancellationToken.None);

        await using var host = await fixture.StartHostAsync(TimerOnlySettings("0 0 7 * * *", tickQueue), clock, hostId);
        var tick = await Eventually.MessageAsync(fixture.Queue(tickQueue), Within);

        var timer = tick["timer"]!;
        Assert.True(timer["IsPastDue"]!.GetValue<bool>());
        Assert.Equal(missed, DateTimeOffset.Parse(timer["ScheduleStatus"]!["Next"]!.GetValue<string>()));
        var status = await WaitForStatusAsync(monitor, s => s.Last == now);
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T12:00:00Z"), status.Next);
        await Task.Delay(500);
        Assert.Equal(0, await Eventually.CountAsync(fixture.Queue(tickQueue)));
    }

    private static async Task<ScheduleStatus> WaitForStatusAsync(ScheduleMonitor monitor, Func<ScheduleStatus, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + Within;
        while (DateTime.UtcNow < deadline)
        {
            var status = await monitor.ReadAsync("Tick", CancellationToken.None);
            if (status is not null && (where is null || where(status)))
            {
                return status;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The timer's schedule status was not written.");
    }
}
