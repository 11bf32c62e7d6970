using System.Text.Json.Nodes;
using Azure;
using Cronos;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.Clock;
using Serverless.LocalHost.FunctionsHost.Handler;

namespace Serverless.LocalHost.FunctionsHost.Triggers;

/// <summary>
/// Fires one timerTrigger function on its 6-field NCRONTAB schedule in the app's time zone. With the schedule
/// monitor, an occurrence missed while the host was down fires once at start-up with <c>IsPastDue: true</c>.
/// Waits on the injected clock, so a virtual clock can move it.
/// </summary>
public sealed class TimerListener(
    FunctionDefinition function,
    TimerTriggerBinding binding,
    TimeZoneInfo timeZone,
    ScheduleMonitor monitor,
    FunctionInvoker invoker,
    TimeProvider clock,
    ILogger logger)
{
    // Task.Delay accepts at most ~49 days; long waits are taken in pieces of a day.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private readonly CronExpression _schedule = CronExpression.Parse(binding.Schedule, CronFormat.IncludeSeconds);

    public DateTimeOffset? NextOccurrenceAfter(DateTimeOffset instant) => _schedule.GetNextOccurrence(instant, timeZone);

    public async Task RunAsync(CancellationToken stopping)
    {
        var status = binding.UseMonitor ? await ReadStatusAsync(stopping) : null;
        var now = clock.GetUtcNow();
        if (status is not null && status.Next < now)
        {
            logger.LogInformation("Timer {Function} missed its occurrence at {Next}; running it now, past due", function.Name, status.Next);
            status = await FireAsync(status, isPastDue: true, occurrence: now, stopping);
        }
        else if (binding.RunOnStartup)
        {
            status = await FireAsync(status, isPastDue: false, occurrence: now, stopping);
        }
        while (!stopping.IsCancellationRequested)
        {
            var next = NextOccurrenceAfter(clock.GetUtcNow());
            if (next is null)
            {
                logger.LogWarning("Timer {Function} has no further occurrences", function.Name);
                return;
            }
            if (status is null && binding.UseMonitor)
            {
                status = new ScheduleStatus(default, next.Value, clock.GetUtcNow());
                await WriteStatusAsync(status, stopping);
            }
            while (clock.GetUtcNow() < next.Value)
            {
                var wait = next.Value - clock.GetUtcNow();
                await WaitAsync(wait < LongestWait ? wait : LongestWait, stopping);
            }
            // On a virtual clock a jump can pass several occurrences at once: they fire once, past due, as in Azure.
            var pastDue = NextOccurrenceAfter(next.Value) is { } following && following <= clock.GetUtcNow();
            status = await FireAsync(status, isPastDue: pastDue, occurrence: next.Value, stopping);
        }
    }

    private Task WaitAsync(TimeSpan wait, CancellationToken stopping) => clock is VirtualClock virtualClock
        ? virtualClock.DelayCoalescedAsync(wait, stopping)
        : Task.Delay(wait, clock, stopping);

    private async Task<ScheduleStatus?> FireAsync(ScheduleStatus? before, bool isPastDue, DateTimeOffset occurrence, CancellationToken stopping)
    {
        var data = new JsonObject
        {
            [binding.Name] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = before is null ? null : new JsonObject
                {
                    ["Last"] = before.Last.ToString("O"),
                    ["Next"] = before.Next.ToString("O"),
                    ["LastUpdated"] = before.LastUpdated.ToString("O"),
                },
                ["IsPastDue"] = isPastDue,
            },
        };
        var result = await invoker.InvokeAsync(function, data, [], stopping);
        if (!result.Succeeded)
        {
            logger.LogWarning("Timer {Function} failed at {Occurrence}: {Error}", function.Name, occurrence, result.Error);
        }
        var next = NextOccurrenceAfter(clock.GetUtcNow()) ?? occurrence;
        var after = new ScheduleStatus(occurrence, next, clock.GetUtcNow());
        if (binding.UseMonitor)
        {
            await WriteStatusAsync(after, stopping);
        }
        return after;
    }

    private async Task<ScheduleStatus?> ReadStatusAsync(CancellationToken stopping)
    {
        try
        {
            return await monitor.ReadAsync(function.Name, stopping);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Could not read the schedule status of {Function}: {Error}", function.Name, ex.Message);
            return null;
        }
    }

    private async Task WriteStatusAsync(ScheduleStatus status, CancellationToken stopping)
    {
        try
        {
            await monitor.WriteAsync(function.Name, status, stopping);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Could not record the schedule status of {Function}: {Error}", function.Name, ex.Message);
        }
    }
}
