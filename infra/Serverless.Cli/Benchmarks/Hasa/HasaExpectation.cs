namespace Serverless.Cli.Benchmarks.Hasa;

/// <summary>One ledger row the benchmark expects: rule, status and (where the bench computes it) the legal due date.</summary>
internal sealed record ExpectedDeadline(string Rule, string Status, DateOnly? Due);

/// <summary>
/// The independent computation: plain calendar arithmetic on the case's own dates, written from the statute's day counts
/// (NYC Admin. Code §21-128(c)(2)), not from the app's rules.json or planner.
/// </summary>
internal static class HasaExpectation
{
    public const string HousingPacket = "hasa.housing-packet";
    public const string ApplicationAssistance = "hasa.application-assistance";
    public const string FirstReferral = "hasa.first-referral";
    public const string RepeatReferral = "hasa.repeat-referral";

    /// <summary>The rows the ledger should hold for <paramref name="c"/> on <paramref name="today"/> (New York date).</summary>
    public static IReadOnlyList<ExpectedDeadline> For(HasaBenchCase c, DateOnly today)
    {
        bool occupied = c.Kind == HasaBenchKind.Occupied && c.LaterEventOn <= today;
        bool referred = c.Kind == HasaBenchKind.Referred && c.LaterEventOn <= today;
        var rows = new List<ExpectedDeadline>
        {
            // (a) on the eligibility day, for a homeless client; the bench never records it provided, and the end of the
            // referral cycle does not end this duty.
            new(HousingPacket, PastDue(c.Start, today), c.Start),
            // (b) 10 business days from eligibility; ends (moot) when the referral cycle ends.
            new(ApplicationAssistance, occupied ? "moot" : PastDue(AddWeekdays(c.Start, 10), today), null),
        };
        // (c) 90 calendar days from the initial emergency placement.
        var firstDue = c.PlacementOn.AddDays(90);
        rows.Add(new(FirstReferral, referred ? "met" : occupied ? "moot" : PastDue(firstDue, today), firstDue));
        if (referred)
        {
            // (d) 45 days after the last referral while the client stays in emergency housing.
            var repeatDue = c.LaterEventOn.AddDays(45);
            rows.Add(new(RepeatReferral, PastDue(repeatDue, today), repeatDue));
        }
        return rows;
    }

    private static string PastDue(DateOnly due, DateOnly today) => today > due ? "missed" : "open";

    // Weekdays only: holidays in the window (MLK Day) can move this due by a day, which never changes the status the
    // bench compares (it is weeks in the past on the check day); the due of this rule is not compared.
    private static DateOnly AddWeekdays(DateOnly from, int days)
    {
        var d = from;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }
        return d;
    }
}
