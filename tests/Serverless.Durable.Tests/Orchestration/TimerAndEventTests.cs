using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class TimerAndEventTests
{
    private static readonly DateTime Start = Episodes.Start;

    [Fact]
    public void CreateTimer_schedules_a_timer_action_at_the_requested_time()
    {
        var history = new HistoryBuilder(Start).Started("Sleeper", null);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
            return "woke";
        }, history);

        var timer = Assert.Single(response.Actions);
        Assert.Equal(Start.AddDays(3), timer.CreateTimer.FireAt.ToDateTime());
    }

    [Fact]
    public void A_fired_timer_resumes_the_code_at_the_fire_time()
    {
        var fireAt = Start.AddHours(2);
        var history = new HistoryBuilder(Start).Started("Sleeper", null)
            .TimerCreated(0, fireAt).OrchestratorCompleted()
            .At(fireAt).OrchestratorStarted().TimerFired(0, fireAt);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CreateTimer(fireAt, CancellationToken.None);
            return ctx.CurrentUtcDateTime.ToString("O");
        }, history, pastEventCount: 4);

        Assert.Equal($"\"{fireAt:O}\"", response.Completion().Result);
    }

    [Fact]
    public void Cancelling_a_timer_ends_its_task_as_canceled_but_keeps_the_scheduled_action()
    {
        var history = new HistoryBuilder(Start).Started("Race", null);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            using var cancel = new CancellationTokenSource();
            var timer = ctx.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
            cancel.Cancel();
            try
            {
                await timer;
                return "fired";
            }
            catch (TaskCanceledException)
            {
                return "canceled";
            }
        }, history);

        Assert.Equal("\"canceled\"", response.Completion().Result);
        Assert.NotNull(Assert.Single(response.Scheduled()).CreateTimer);
    }

    [Fact]
    public void A_timer_with_an_already_canceled_token_schedules_nothing()
    {
        var history = new HistoryBuilder(Start).Started("Race", null);

        var response = Episodes.Run<object?, bool>((ctx, _) =>
            Task.FromResult(ctx.CreateTimer(TimeSpan.FromHours(1), new CancellationToken(true)).IsCanceled), history);

        Assert.Equal("true", response.Completion().Result);
        Assert.Empty(response.Scheduled());
    }

    [Fact]
    public void A_cancelled_timer_that_fires_later_is_ignored()
    {
        var history = new HistoryBuilder(Start).Started("Approval", null)
            .TimerCreated(0, Start.AddDays(1)).OrchestratorCompleted()
            .Advance(TimeSpan.FromHours(1)).OrchestratorStarted().EventRaised("Approved", "true")
            .TaskScheduled(1, "Record", "true").OrchestratorCompleted()
            .At(Start.AddDays(1)).OrchestratorStarted().TimerFired(0, Start.AddDays(1));

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            bool approved = await ctx.WaitForExternalEvent<bool>("Approved", TimeSpan.FromDays(1));
            await ctx.CallActivityAsync("Record", approved);
            return "recorded";
        }, history, pastEventCount: 8);

        Assert.Empty(response.Actions);
    }

    [Fact]
    public void An_event_raised_before_the_wait_is_buffered_and_names_ignore_case()
    {
        var history = new HistoryBuilder(Start).Started("Approval", null)
            .TaskScheduled(0, "Prepare").OrchestratorCompleted()
            .Advance(TimeSpan.FromMinutes(1)).OrchestratorStarted()
            .EventRaised("APPROVAL", "{\"by\":\"ana\"}")
            .TaskCompleted(0, null);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            await ctx.CallActivityAsync("Prepare");
            var approval = await ctx.WaitForExternalEvent<Approval>("approval");
            return approval.By;
        }, history, pastEventCount: 4);

        Assert.Equal("\"ana\"", response.Completion().Result);
    }

    [Fact]
    public void Two_waiters_on_one_name_are_served_first_come_first_served()
    {
        var history = new HistoryBuilder(Start).Started("Votes", null)
            .OrchestratorCompleted().OrchestratorStarted()
            .EventRaised("vote", "1").EventRaised("Vote", "2");

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            var first = ctx.WaitForExternalEvent<int>("vote");
            var second = ctx.WaitForExternalEvent<int>("VOTE");
            return $"{await first},{await second}";
        }, history, pastEventCount: 3);

        Assert.Equal("\"1,2\"", response.Completion().Result);
    }

    [Fact]
    public async Task An_event_inside_the_timeout_wins_over_the_timer()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, string>("Wait", async (ctx, _) =>
            await ctx.WaitForExternalEvent<string>("Signed", TimeSpan.FromHours(4)));
        var runner = new InMemoryOrchestrationRunner(registry, Start).RaiseEventAt(Start.AddHours(1), "w", "Signed", "yes");

        var result = await runner.RunAsync("Wait", instanceId: "w");

        Assert.Equal("yes", result.ReadOutput<string>());
        Assert.Equal(Start.AddHours(1), result.FinishedAt);
    }

    [Fact]
    public async Task An_event_after_the_timeout_is_too_late_and_the_wait_throws_TaskCanceledException()
    {
        var registry = new DurableFunctionRegistry().AddOrchestratorFunc<object?, string>("Wait", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Signed", TimeSpan.FromHours(4));
            }
            catch (TaskCanceledException)
            {
                return $"timed out at {ctx.CurrentUtcDateTime:HH:mm}";
            }
        });
        var runner = new InMemoryOrchestrationRunner(registry, Start).RaiseEventAt(Start.AddHours(5), "w", "Signed", "late");

        var result = await runner.RunAsync("Wait", instanceId: "w");

        Assert.Equal("timed out at 17:00", result.ReadOutput<string>());
    }

    [Fact]
    public void An_event_arriving_after_a_timeout_stays_buffered_for_the_next_wait()
    {
        var timeoutAt = Start.AddHours(4);
        var history = new HistoryBuilder(Start).Started("Wait", null)
            .TimerCreated(0, timeoutAt).OrchestratorCompleted()
            .At(timeoutAt).OrchestratorStarted().TimerFired(0, timeoutAt)
            .TimerCreated(1, timeoutAt.AddHours(4)).OrchestratorCompleted()
            .Advance(TimeSpan.FromHours(1)).OrchestratorStarted().EventRaised("Signed", "\"late\"");

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    return $"{await ctx.WaitForExternalEvent<string>("Signed", TimeSpan.FromHours(4))} on attempt {attempt}";
                }
                catch (TaskCanceledException)
                {
                }
            }
        }, history, pastEventCount: 8);

        Assert.Equal("\"late on attempt 2\"", response.Completion().Result);
    }

    [Fact]
    public void Cancelling_a_wait_throws_in_the_code_and_leaves_later_events_buffered()
    {
        var history = new HistoryBuilder(Start).Started("Wait", null);

        var response = Episodes.Run<object?, string>(async (ctx, _) =>
        {
            using var cancel = new CancellationTokenSource();
            var wait = ctx.WaitForExternalEvent<string>("x", cancel.Token);
            cancel.Cancel();
            try
            {
                return await wait;
            }
            catch (OperationCanceledException)
            {
                return "canceled";
            }
        }, history);

        Assert.Equal("\"canceled\"", response.Completion().Result);
    }

    public sealed record Approval(string By);
}
