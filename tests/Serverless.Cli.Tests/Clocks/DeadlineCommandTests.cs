using System.Text.Json;

namespace Serverless.Cli.Tests.Clocks;

public sealed class DeadlineCommandTests
{
    [Fact]
    public async Task Explain_prints_due_target_warning_and_why()
    {
        var result = await ServerlessProcess.RunAsync("deadline", "explain", "--rule", "hasa.first-referral",
            "--event", "EmergencyPlacementStarted=2026-04-06T16:00:00-04:00", "--event", "PhysicalDocumentationCompleted=2026-05-01T09:00:00-04:00");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal("due      2026-07-05 23:59:59 EDT (Sunday)", lines[1].TrimEnd());
        Assert.Equal("target   2026-07-02 (Thursday)", lines[2].TrimEnd());
        Assert.Equal("warning  2026-06-08 23:59:59 EDT", lines[3].TrimEnd());
        Assert.StartsWith("why      Due by 2026-07-05 23:59:59 EDT, Sunday, under hasa.first-referral", lines[4]);
    }

    [Fact]
    public async Task Explain_json_carries_the_record_and_the_sentence()
    {
        var result = await ServerlessProcess.RunAsync("deadline", "explain", "--rule", "aps.access-order-decision",
            "--event", "AccessRefused=2026-10-31T14:00:00-04:00", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-11-01T18:00:00Z", json.RootElement.GetProperty("dueAt").GetString());
        Assert.Equal("2026-11-01", json.RootElement.GetProperty("target").GetString());
        Assert.Equal("2026-11-01T11:00:00Z", json.RootElement.GetProperty("warning").GetString());
        Assert.Equal("SSL §473-c(1); 18 NYCRR 457.11(b)", json.RootElement.GetProperty("record").GetProperty("citation").GetString());
        Assert.Contains("24 hours (elapsed)", json.RootElement.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task A_local_time_is_read_in_new_york()
    {
        var result = await ServerlessProcess.RunAsync("deadline", "explain", "--rule", "aps.visit-life-threatening",
            "--event", "ReferralReceived=2026-03-07T14:00", "--json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-03-08T19:00:00Z", json.RootElement.GetProperty("dueAt").GetString());
    }

    [Theory]
    [InlineData("error: unknown rule 'hasa.nope'", "--rule", "hasa.nope", "--event", "X=2026-01-01")]
    [InlineData("error: rule 'hasa.first-referral' needs one of the events EmergencyPlacementStarted, PhysicalDocumentationCompleted", "--rule", "hasa.first-referral")]
    [InlineData("error: event 'Foo' is not a trigger of aps.visit (expects ReferralReceived)", "--rule", "aps.visit", "--event", "Foo=2026-03-06")]
    [InlineData("error: --event ReferralReceived: '2026-13-06' is not an ISO-8601 date or date-time", "--rule", "aps.visit", "--event", "ReferralReceived=2026-13-06")]
    [InlineData("error: --event ReferralReceived: 2026-03-08T02:30 does not exist in New York (DST change); give an offset", "--rule", "aps.visit", "--event", "ReferralReceived=2026-03-08T02:30")]
    [InlineData("error: --event 'ReferralReceived' must look like Name=2026-02-05T09:00:00-05:00", "--rule", "aps.visit", "--event", "ReferralReceived")]
    [InlineData("error: missing --rule", "--event", "ReferralReceived=2026-03-06")]
    public async Task Bad_input_exits_non_zero_with_one_clear_line(string expected, params string[] args)
    {
        var result = await ServerlessProcess.RunAsync(["deadline", "explain", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
    }
}
