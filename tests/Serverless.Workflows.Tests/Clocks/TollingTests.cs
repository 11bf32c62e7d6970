using CsCheck;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Clocks;

public sealed class TollingTests
{
    private readonly DeadlineCalculator _calculator = new(CalendarCatalog.Default);

    private ComputedDeadline FirstReferral() => _calculator.Compute(RuleBook.Embedded.Get("hasa.first-referral"),
        new Dictionary<string, Instant> { ["EmergencyPlacementStarted"] = I("2026-04-06T16:00:00-04:00") });

    [Fact]
    public void A_pause_moves_the_due_by_the_paused_days_and_keeps_the_original()
    {
        var pause = new TollingPeriod(I("2026-05-01T09:00:00-04:00"), I("2026-05-11T09:00:00-04:00"), "no-option-available", "§21-128(c)(2)(c)");

        var tolled = _calculator.ApplyTolling(FirstReferral(), [pause], I("2026-06-01T00:00:00-04:00"));

        Assert.Equal(D("2026-07-05"), tolled.UntolledDueDate);
        Assert.Equal(D("2026-07-15"), tolled.LegalDueDate);
        Assert.Equal(D("2026-07-15"), tolled.TargetDate);
        Assert.False(tolled.StillTolled);
    }

    [Fact]
    public void An_open_pause_counts_until_the_time_asked_and_is_flagged()
    {
        var pause = new TollingPeriod(I("2026-05-01T09:00:00-04:00"), null, "no-option-available", "§21-128(c)(2)(c)");

        var tolled = _calculator.ApplyTolling(FirstReferral(), [pause], I("2026-05-04T09:00:00-04:00"));

        Assert.True(tolled.StillTolled);
        Assert.Equal(D("2026-07-08"), tolled.LegalDueDate);
    }

    [Fact]
    public void A_pause_after_the_clock_ran_out_does_not_revive_it()
    {
        var pause = new TollingPeriod(I("2026-07-10T09:00:00-04:00"), I("2026-07-20T09:00:00-04:00"), "no-option-available", "x");

        Assert.Equal(D("2026-07-05"), _calculator.ApplyTolling(FirstReferral(), [pause], I("2026-08-01T00:00:00-04:00")).LegalDueDate);
    }

    [Fact]
    public void An_open_pause_that_began_after_the_due_leaves_the_clock_run_out_not_tolled()
    {
        var openPause = new TollingPeriod(I("2026-07-10T09:00:00-04:00"), null, "no-option-available", "x");

        var result = _calculator.ApplyTolling(FirstReferral(), [openPause], I("2026-08-01T00:00:00-04:00"));

        Assert.False(result.StillTolled);
        Assert.Equal(D("2026-07-05"), result.LegalDueDate);
    }

    [Fact]
    public void Business_day_clocks_move_by_the_open_days_paused()
    {
        var assistance = _calculator.Compute(RuleBook.Embedded.Get("hasa.application-assistance"),
            new Dictionary<string, Instant> { ["EligibilityDetermined"] = I("2026-02-05T11:00:00-05:00") });
        // paused Fri Feb 13 to Tue Feb 17: Feb 16 is closed, so one open day (Feb 17) was paused
        var pause = new TollingPeriod(I("2026-02-13T10:00:00-05:00"), I("2026-02-17T10:00:00-05:00"), "client-requested", "x");

        var tolled = _calculator.ApplyTolling(assistance, [pause], I("2026-03-01T00:00:00-05:00"));

        Assert.Equal(D("2026-02-20"), tolled.UntolledDueDate);
        Assert.Equal(D("2026-02-23"), tolled.LegalDueDate);
    }

    [Fact]
    public void Tolling_by_zero_changes_nothing() =>
        Gen.Select(Gen.OneOf(RuleBook.Embedded.Rules.ToArray()), Gen.Int[0, 10_000], Gen.Int[0, 200 * 24]).Sample((rule, day, hour) =>
        {
            var anchor = NewYorkTime.StartOfDay(new LocalDate(1995, 1, 1).PlusDays(day)) + Duration.FromHours(7);
            var events = rule.Triggers.ToDictionary(t => t.Event, _ => anchor);
            var computed = _calculator.Compute(rule, events);
            var at = anchor + Duration.FromHours(hour);
            var tolled = _calculator.ApplyTolling(computed, [new TollingPeriod(at, at, "zero", "none")], at);
            return tolled.LegalDueAt == computed.LegalDueAt
                && tolled.TargetDate == computed.TargetDate
                && tolled.WarningAt == computed.WarningAt
                && tolled.UntolledDueAt == computed.LegalDueAt;
        });
}
