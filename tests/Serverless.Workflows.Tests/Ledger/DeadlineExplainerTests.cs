using System.Text.Json;
using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Ledger;

public sealed class DeadlineExplainerTests
{
    private static DeadlineRecord Explain(string rule, params (string Event, string At)[] events)
    {
        var computed = new DeadlineCalculator(CalendarCatalog.Default).Compute(RuleBook.Embedded.Get(rule),
            events.ToDictionary(e => e.Event, e => I(e.At)));
        return DeadlineRecord.From(computed, RuleBook.Embedded.Version, "d1", I("2026-01-01T00:00:00Z"), "test");
    }

    [Fact]
    public void A_forward_roll_over_a_statutory_holiday_is_explained()
    {
        var sentence = DeadlineExplainer.Sentence(Explain("wep.step1-filing", ("ActOrOmission", "2026-02-05T13:00:00-05:00")));

        Assert.Equal(
            "Due by 2026-02-13 23:59:59 EST, Friday, under wep.step1-filing (NYC Admin. Code §21-503[WEP](b)(i)): " +
            "5 business days on nyc-agency from ActOrOmission on 2026-02-05; the trigger day is not counted (GCL §20); " +
            "not counted: 2026-02-07 Saturday, 2026-02-08 Sunday; the count ends 2026-02-12, which is not a business day " +
            "(2026-02-12 Lincoln's Birthday), so GCL §25-a extends it to 2026-02-13. Warning at 2026-02-11 23:59:59 EST (70% of the clock). " +
            $"Status: open. Calendars: {CalendarCatalog.Default.Get("ny-statutory").Version}, {CalendarCatalog.Default.Get("nyc-agency").Version}.",
            sentence);
    }

    [Fact]
    public void A_target_backward_and_a_whichever_is_sooner_are_explained()
    {
        var sentence = DeadlineExplainer.Sentence(Explain("hasa.first-referral",
            ("EmergencyPlacementStarted", "2026-04-06T16:00:00-04:00"), ("PhysicalDocumentationCompleted", "2026-05-01T09:00:00-04:00")));

        Assert.Contains("whichever is sooner of EmergencyPlacementStarted, PhysicalDocumentationCompleted; the later event never moves it", sentence);
        Assert.Contains("staff target 2026-07-02, the last nyc-agency open day on or before it (2026-07-03 Independence Day (observed), 2026-07-04 Saturday, 2026-07-05 Sunday closed)", sentence);
    }

    [Fact]
    public void The_json_carries_the_fields_and_the_sentence()
    {
        var record = Explain("aps.visit-life-threatening", ("ReferralReceived", "2026-03-07T14:00:00-05:00"));

        using var json = JsonDocument.Parse(DeadlineExplainer.Json(record));

        Assert.Equal("2026-03-08T19:00:00Z", json.RootElement.GetProperty("legalDueAt").GetString());
        Assert.Equal("hours", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal("18 NYCRR 457.1(c)(2) (via 457.11(b)); HRA testimony 2025-04-16", json.RootElement.GetProperty("citation").GetString());
        Assert.Equal(DeadlineExplainer.Sentence(record), json.RootElement.GetProperty("explanation").GetString());
        Assert.Contains("24 hours (elapsed) from ReferralReceived on 2026-03-07 (elapsed time, DST-correct)", DeadlineExplainer.Sentence(record));
    }
}
