using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Clocks;

/// <summary>Hour clocks are elapsed time: across a DST change the wall-clock hour of the due moves.</summary>
public sealed class HourClockDstTests
{
    private readonly DeadlineCalculator _calculator = new(CalendarCatalog.Default);
    private readonly ClockRule _rule = RuleBook.Embedded.Get("aps.visit-life-threatening");

    [Theory]
    // spring forward 2026-03-08 02:00 EST -> 03:00 EDT: 24 elapsed hours end at 15:00 on the wall clock
    [InlineData("2026-03-07T14:00:00-05:00", "2026-03-08T15:00:00-04:00")]
    // referral inside the skipped hour's neighbourhood: 01:30 EST + 24h = 02:30 EDT next day
    [InlineData("2026-03-08T01:30:00-05:00", "2026-03-09T02:30:00-04:00")]
    // fall back 2026-11-01 02:00 EDT -> 01:00 EST: 24 elapsed hours end at 13:00
    [InlineData("2026-10-31T14:00:00-04:00", "2026-11-01T13:00:00-05:00")]
    // the repeated hour: 01:30 EDT and 01:30 EST are different instants one hour apart
    [InlineData("2026-11-01T01:30:00-04:00", "2026-11-02T00:30:00-05:00")]
    [InlineData("2026-11-01T01:30:00-05:00", "2026-11-02T01:30:00-05:00")]
    public void Twenty_four_hours_are_elapsed_hours_across_dst(string referral, string expectedDue)
    {
        var due = _calculator.Compute(_rule, new Dictionary<string, Instant> { ["ReferralReceived"] = I(referral) });

        Assert.Equal(I(expectedDue), due.LegalDueAt);
        Assert.Equal(Duration.FromHours(24), due.LegalDueAt - due.AnchorAt);
    }

    [Fact]
    public void The_end_of_a_day_is_23_59_59_new_york_time_on_both_dst_days()
    {
        Assert.Equal(I("2026-03-08T23:59:59-04:00"), NewYorkTime.EndOfDay(D("2026-03-08")));
        Assert.Equal(I("2026-11-01T23:59:59-05:00"), NewYorkTime.EndOfDay(D("2026-11-01")));
    }

    [Fact]
    public void A_day_clock_counts_the_new_york_date_of_the_event_not_the_utc_date()
    {
        var rule = RuleBook.Embedded.Get("hasa.repeat-referral");
        // 2026-03-10T23:30 New York is already 2026-03-11 in UTC
        var due = _calculator.Compute(rule, new Dictionary<string, Instant> { ["ReferralMade"] = I("2026-03-10T23:30:00-04:00") });

        Assert.Equal(D("2026-04-24"), due.LegalDueDate);
    }
}
