using System.Text.Json;

namespace Serverless.Cli.Tests.Clocks;

public sealed class CalendarCommandTests
{
    [Fact]
    public async Task Holidays_json_lists_the_observed_city_closures()
    {
        var result = await ServerlessProcess.RunAsync("calendar", "holidays", "--calendar", "nyc-agency", "--year", "2027", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var dates = json.RootElement.EnumerateArray().Select(e => e.GetProperty("date").GetString()).ToList();
        Assert.Equal(13, dates.Count);
        Assert.Contains("2027-12-31", dates);
        Assert.Equal("Juneteenth (observed)", json.RootElement.EnumerateArray().Single(e => e.GetProperty("date").GetString() == "2027-06-18").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Holidays_of_the_statutory_calendar_include_the_monday_after_a_sunday_holiday()
    {
        var result = await ServerlessProcess.RunAsync("calendar", "holidays", "--calendar", "ny-statutory", "--year", "2023");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2023-02-13  Monday     Lincoln's Birthday (Sunday; GCL §24 next day)", result.Output);
    }

    [Fact]
    public async Task Add_business_days_with_forward_roll_prints_the_due()
    {
        var result = await ServerlessProcess.RunAsync("calendar", "add", "--calendar", "nyc-agency", "--start", "2026-02-05", "--business-days", "5", "--roll", "forward", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-02-13", json.RootElement.GetProperty("due").GetString());
        Assert.Equal("2026-02-12", json.RootElement.GetProperty("counted").GetString());
        Assert.False(json.RootElement.TryGetProperty("target", out _));
    }

    [Fact]
    public async Task Add_with_target_backward_prints_due_and_target()
    {
        var result = await ServerlessProcess.RunAsync("calendar", "add", "--calendar", "ny-statutory", "--start", "2026-04-06", "--calendar-days", "90", "--roll", "target-backward", "--json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(("2026-07-05", "2026-07-02"), (json.RootElement.GetProperty("due").GetString(), json.RootElement.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task Add_months_clamps_to_the_end_of_february()
    {
        var result = await ServerlessProcess.RunAsync("calendar", "add", "--calendar", "nyc-agency", "--start", "2025-08-31", "--months", "6", "--json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-02-28", json.RootElement.GetProperty("due").GetString());
    }

    [Theory]
    [InlineData("error: unknown calendar 'nys' (known: ny-statutory, nyc-agency)", "calendar", "add", "--calendar", "nys", "--start", "2026-02-05", "--business-days", "5")]
    [InlineData("error: --start '2026-02-30' is not a date (yyyy-MM-dd)", "calendar", "add", "--calendar", "nyc-agency", "--start", "2026-02-30", "--business-days", "5")]
    [InlineData("error: --business-days must not be negative (got -5)", "calendar", "add", "--calendar", "nyc-agency", "--start", "2026-02-05", "--business-days", "-5")]
    [InlineData("error: give exactly one of --business-days, --calendar-days, --months", "calendar", "add", "--calendar", "nyc-agency", "--start", "2026-02-05")]
    [InlineData("error: --roll 'back' is not none, forward or target-backward", "calendar", "add", "--calendar", "nyc-agency", "--start", "2026-02-05", "--months", "1", "--roll", "back")]
    [InlineData("error: --year 2101 is outside 1990-2100", "calendar", "holidays", "--calendar", "nyc-agency", "--year", "2101")]
    [InlineData("error: missing --calendar", "calendar", "holidays", "--year", "2026")]
    public async Task Bad_input_exits_non_zero_with_one_clear_line(string expected, params string[] args)
    {
        var result = await ServerlessProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
        Assert.Empty(result.Output);
    }
}
