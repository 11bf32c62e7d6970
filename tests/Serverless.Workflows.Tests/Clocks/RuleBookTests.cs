using System.Text.Json.Nodes;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Tests.Clocks;

public sealed class RuleBookTests
{
    private static string EmbeddedJson()
    {
        using var stream = typeof(RuleBook).Assembly.GetManifestResourceStream("Serverless.Workflows.Clocks.rules.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(EmbeddedJson())!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    private static JsonObject Rule(JsonObject root, string id) =>
        root["rules"]!.AsArray().Select(r => r!.AsObject()).Single(r => r["id"]!.GetValue<string>() == id);

    [Fact]
    public void The_embedded_book_loads_with_every_program_covered()
    {
        var book = RuleBook.Embedded;

        Assert.Equal(["APS", "HASA", "WEP"], book.Rules.Select(r => r.Program).Distinct().Order());
        Assert.All(book.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Excerpt)));
    }

    [Fact]
    public void A_wrong_type_names_the_entry_and_field()
    {
        var json = Mutate(root => Rule(root, "hasa.first-referral")["amount"] = "ninety");

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal("hasa.first-referral", error.RuleId);
        Assert.Equal("amount", error.Field);
        Assert.Contains("entry 'hasa.first-referral' field 'amount'", error.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var json = Mutate(root => Rule(root, "wep.step1-filing").Remove("citation"));

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal("wep.step1-filing", error.RuleId);
        Assert.Equal("citation", error.Field);
    }

    [Fact]
    public void An_unknown_roll_policy_is_refused()
    {
        var json = Mutate(root => Rule(root, "aps.visit")["roll"] = "backward");

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal(("aps.visit", "roll"), (error.RuleId, error.Field));
    }

    [Fact]
    public void Business_days_without_a_calendar_are_refused()
    {
        var json = Mutate(root => Rule(root, "aps.visit")["calendar"] = null);

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal(("aps.visit", "calendar"), (error.RuleId, error.Field));
    }

    [Fact]
    public void A_duplicate_id_is_refused()
    {
        var json = Mutate(root =>
        {
            var rules = root["rules"]!.AsArray();
            rules.Add(rules[0]!.DeepClone());
        });

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal(("hasa.housing-packet", "id"), (error.RuleId, error.Field));
    }

    [Fact]
    public void Several_triggers_need_a_combination()
    {
        var json = Mutate(root => Rule(root, "hasa.first-referral")["combine"] = "single");

        var error = Assert.Throws<RuleBookException>(() => RuleBook.Load(json));

        Assert.Equal(("hasa.first-referral", "combine"), (error.RuleId, error.Field));
    }

    [Fact]
    public void A_rule_is_not_applied_before_its_effective_date()
    {
        var json = Mutate(root => Rule(root, "aps.visit")["effectiveFrom"] = "2027-01-01");
        var rule = RuleBook.Load(json).Get("aps.visit");

        var error = Assert.Throws<ClockInputException>(() =>
            new DeadlineCalculator(Serverless.Workflows.Calendars.CalendarCatalog.Default).Compute(rule,
                new Dictionary<string, NodaTime.Instant> { ["ReferralReceived"] = Dates.I("2026-12-24T16:00:00-05:00") }));

        Assert.Contains("in effect from 2027-01-01", error.Message);
    }

    [Fact]
    public void Unknown_rule_is_refused() => Assert.Throws<UnknownRuleException>(() => RuleBook.Embedded.Get("hasa.nope"));
}
