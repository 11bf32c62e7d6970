using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Clock;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

[Collection(LocalHostCollection.Name)]
public sealed class VirtualClockTests(LocalHostFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_90_day_timer_fires_when_the_virtual_clock_is_advanced_and_timers_fire_in_time_order()
    {
        var clock = new VirtualClock(Start);
        await using var host = await IsolatedHost.StartAsync(fixture, clock, IsolatedHost.NewHubName("Vclock"));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", LocalHostFixture.AdminKey);
        var api = new DurableApi(http, LocalHostFixture.AdminKey);
        var ninety = await api.StartAsync("LongTimer", "ninety", "90");
        var thirty = await api.StartAsync("LongTimer", "thirty", "30");
        await api.WaitForStatusAsync(ninety, "Running", TimeSpan.FromSeconds(30));
        await api.WaitForStatusAsync(thirty, "Running", TimeSpan.FromSeconds(30));

        var watch = Stopwatch.StartNew();
        using var advance = await http.PostAsync("admin/clock/advance?by=P90D", null);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        var (_, first) = await api.StatusAsync(thirty);
        var (_, second) = await api.StatusAsync(ninety);
        Assert.True(first?["runtimeStatus"]?.GetValue<string>() == "Completed", $"30-day instance after the advance: {first?.ToJsonString()}; advance answered {await advance.Content.ReadAsStringAsync()}");
        Assert.True(second?["runtimeStatus"]?.GetValue<string>() == "Completed", $"90-day instance after the advance: {second?.ToJsonString()}; advance answered {await advance.Content.ReadAsStringAsync()}");
        Assert.Equal($"fired at {Start.AddDays(30).UtcDateTime:O}", first!["output"]!.GetValue<string>());
        Assert.Equal($"fired at {Start.AddDays(90).UtcDateTime:O}", second!["output"]!.GetValue<string>());
        // Milliseconds of storage and handler work per timer; the bound only guards against waiting on real time.
        output.WriteLine($"advancing 90 days took {watch.Elapsed.TotalMilliseconds:N0} ms: {await advance.Content.ReadAsStringAsync()}");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"advancing 90 days took {watch.Elapsed}");
        var now = (await http.GetFromJsonAsync<JsonObject>("admin/clock"))!;
        Assert.Equal(Start.AddDays(90), now["now"]!.GetValue<DateTimeOffset>());
        Assert.True(now["virtual"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Advancing_rejects_a_bad_duration_and_the_real_clock()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        http.DefaultRequestHeaders.Add("x-functions-key", LocalHostFixture.AdminKey);

        using var realClock = await http.PostAsync("admin/clock/advance?by=P1D", null);
        using var noKey = await fixture.Http.GetAsync("admin/clock");

        Assert.Equal(HttpStatusCode.Conflict, realClock.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.True(IsoDuration.TryParse("P90D", out var ninety) && ninety == TimeSpan.FromDays(90));
        Assert.True(IsoDuration.TryParse("P1DT2H30M", out var mixed) && mixed == new TimeSpan(1, 2, 30, 0));
        Assert.False(IsoDuration.TryParse("90 days", out _));
    }
}
