using NodaTime;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Clocks;

/// <summary>One realistic case per rule in rules.json, with the dates worked out by hand from the 2026 calendars.</summary>
public sealed class RuleWalkthroughTests
{
    public sealed record Walk(string Rule, string Events, string LegalDue, string Target, string? Warning, string Story)
    {
        public override string ToString() => $"{Rule}: {Story}";
    }

    public static readonly Walk[] Walks =
    [
        new("hasa.housing-packet", "EligibilityDetermined=2026-03-02T10:15:00-05:00", "2026-03-02", "2026-03-02", null,
            "packet due by the end of the eligibility day"),
        new("hasa.application-assistance", "EligibilityDetermined=2026-02-05T11:00:00-05:00", "2026-02-20", "2026-02-20", "2026-02-17",
            "10 agency business days skip Washington's Birthday; Lincoln's Birthday counts (offices open)"),
        new("hasa.first-referral", "EmergencyPlacementStarted=2026-04-06T16:00:00-04:00;PhysicalDocumentationCompleted=2026-05-01T09:00:00-04:00", "2026-07-05", "2026-07-02", "2026-06-08",
            "placement came first and fixes the clock; day 90 is a Sunday after the observed July 4 closure, so staff target Thursday"),
        new("hasa.repeat-referral", "ReferralMade=2026-03-10T12:00:00-04:00", "2026-04-24", "2026-04-24", "2026-04-11",
            "another referral due 45 days after the last one"),
        new("hasa.benefit-provision", "ApplicationCompleted=2026-11-02T10:00:00-05:00", "2026-12-03", "2026-12-03", "2026-11-24",
            "20 business days skip Election Day, Veterans Day and Thanksgiving"),
        new("hasa.locate-search-minimum", "LocateSearchOpened=2026-01-05T09:00:00-05:00", "2026-04-05", "2026-04-05", null,
            "certification not before the end of day 90"),
        new("hasa.locate-contact-window", "CertifiedNoticeMailed=2026-06-26T15:00:00-04:00", "2026-07-13", "2026-07-13", null,
            "unclaimed: mailing + 5 days = Jul 1, + 10 days = Saturday Jul 11, GCL §25-a rolls to Monday"),
        new("wep.rights-notice", "WorkAssignmentStarted=2026-09-08T08:00:00-04:00", "2026-09-08", "2026-09-08", null,
            "notice by the end of the first day of the assignment"),
        new("wep.step1-filing", "ActOrOmission=2026-02-05T13:00:00-05:00", "2026-02-13", "2026-02-13", "2026-02-11",
            "5th working day is Lincoln's Birthday: agency open, but a statutory holiday, so the participant gets Friday"),
        new("wep.step1-decision", "GrievancePresented=2026-07-01T10:00:00-04:00", "2026-07-09", "2026-07-09", "2026-07-08",
            "5 working days skip the observed Independence Day on Friday Jul 3"),
        new("wep.step2-appeal", "Step1DecisionMailed=2026-12-21T12:00:00-05:00", "2027-01-06", "2027-01-06", "2027-01-04",
            "mailed decision deemed received Saturday Dec 26; 7 working days skip New Year's Day"),
        new("wep.step2-decision", "Step2AppealMade=2026-11-06T10:00:00-05:00", "2026-11-12", "2026-11-12", "2026-11-10",
            "3 working days skip Veterans Day"),
        new("aps.visit-life-threatening", "ReferralReceived=2026-03-07T14:00:00-05:00", "2026-03-08", "2026-03-08", "2026-03-08",
            "24 elapsed hours across the spring-forward night end at 15:00 EDT"),
        new("aps.visit", "ReferralReceived=2026-12-24T16:00:00-05:00", "2026-12-30", "2026-12-30", "2026-12-29",
            "3 business days skip Christmas and the weekend"),
        new("aps.access-order-decision", "AccessRefused=2026-10-31T14:00:00-04:00", "2026-11-01", "2026-11-01", "2026-11-01",
            "24 elapsed hours across the fall-back night end at 13:00 EST"),
        new("aps.assessment-determination", "ReferralReceived=2026-05-06T09:30:00-04:00", "2026-07-05", "2026-07-02", "2026-06-17",
            "day 60 is a Sunday; the target is the last open agency day before the July 4 weekend"),
        new("aps.reassessment", "AssessmentCompleted=2025-08-31T11:00:00-04:00", "2026-02-28", "2026-02-27", "2026-01-05",
            "Aug 31 + 6 months clamps to Feb 28, a Saturday; target Friday"),
        new("aps.monthly-visit", "HomeVisitMade=2026-01-05T10:00:00-05:00", "2026-02-28", "2026-02-27", "2026-02-12",
            "a visit in January makes the next one due by the end of February"),
    ];

    public static TheoryData<Walk> Cases() => new(Walks);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_walks_one_realistic_case(Walk walk)
    {
        var rule = RuleBook.Embedded.Get(walk.Rule);
        var events = walk.Events.Split(';').Select(e => e.Split('=')).ToDictionary(p => p[0], p => I(p[1]));

        var due = new DeadlineCalculator(CalendarCatalog.Default).Compute(rule, events);

        Assert.Equal(walk.LegalDue, S(due.LegalDueDate));
        Assert.Equal(walk.Target, S(due.TargetDate));
        Assert.Equal(walk.Warning, due.WarningDate is { } w ? S(w) : null);
        Assert.True(due.TargetDate <= due.LegalDueDate);
    }

    [Fact]
    public void Every_rule_in_the_book_has_a_walkthrough() =>
        Assert.Equal(RuleBook.Embedded.Rules.Select(r => r.Id).Order(), Walks.Select(w => w.Rule).Order());

    [Fact]
    public void The_later_of_two_triggers_never_moves_a_whichever_is_sooner_clock()
    {
        var rule = RuleBook.Embedded.Get("hasa.first-referral");
        var calculator = new DeadlineCalculator(CalendarCatalog.Default);
        var first = new Dictionary<string, Instant> { ["PhysicalDocumentationCompleted"] = I("2026-02-01T09:00:00-05:00") };
        var both = new Dictionary<string, Instant>(first) { ["EmergencyPlacementStarted"] = I("2026-03-15T09:00:00-04:00") };

        Assert.Equal(calculator.Compute(rule, first).LegalDueDate, calculator.Compute(rule, both).LegalDueDate);
        Assert.Equal("PhysicalDocumentationCompleted", calculator.Compute(rule, both).AnchorEvent);
    }

    [Fact]
    public void A_signed_return_receipt_starts_the_window_instead_of_mailing_plus_five()
    {
        var rule = RuleBook.Embedded.Get("hasa.locate-contact-window");
        var due = new DeadlineCalculator(CalendarCatalog.Default).Compute(rule, new Dictionary<string, Instant>
        {
            ["CertifiedNoticeMailed"] = I("2026-06-26T15:00:00-04:00"),
            ["ReturnReceiptSigned"] = I("2026-06-29T11:00:00-04:00"),
        });

        Assert.Equal("ReturnReceiptSigned", due.AnchorEvent);
        Assert.Equal(D("2026-07-09"), due.LegalDueDate);
    }

    [Fact]
    public void A_missing_trigger_names_the_event_needed()
    {
        var rule = RuleBook.Embedded.Get("wep.step2-decision");

        var error = Assert.Throws<ClockInputException>(() =>
            new DeadlineCalculator(CalendarCatalog.Default).Compute(rule, new Dictionary<string, Instant>()));

        Assert.Contains("Step2AppealMade", error.Message);
    }

    [Fact]
    public void Sooner_and_later_pick_by_legal_due()
    {
        var calculator = new DeadlineCalculator(CalendarCatalog.Default);
        var referral = new Dictionary<string, Instant> { ["ReferralReceived"] = I("2026-12-24T16:00:00-05:00") };
        var hours = calculator.Compute(RuleBook.Embedded.Get("aps.visit-life-threatening"), referral);
        var days = calculator.Compute(RuleBook.Embedded.Get("aps.visit"), referral);

        Assert.Same(hours, DeadlineCombination.Sooner(days, hours));
        Assert.Same(days, DeadlineCombination.Later(days, hours));
    }
}
