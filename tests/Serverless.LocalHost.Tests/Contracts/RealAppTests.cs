using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Serverless.LocalHost.FunctionsHost.Triggers;
using Serverless.LocalHost.Tests.Support;
using Serverless.Workflows.Operations;

namespace Serverless.LocalHost.Tests.Contracts;

/// <summary>The product's own app (host.json and functions/ at the repository root) with the real handler.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class RealAppTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Health_answers_200_with_storage_versions_uptime_and_the_handlers_storage_transactions()
    {
        await using var host = await RealApp.StartAsync(fixture, TimeProvider.System, "real-health");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
        Assert.True(health["storage"]!["reachable"]!.GetValue<bool>());
        Assert.Equal(3, health["storage"]!["services"]!.AsArray().Count);
        Assert.Equal(Environment.Version.ToString(), health["versions"]!["dotnet"]!.GetValue<string>());
        Assert.True(health["uptimeSeconds"]!.GetValue<double>() >= 0);
        long before = health["storage"]!["transactionsSinceStart"]!.GetValue<long>();
        var again = (await http.GetFromJsonAsync<JsonObject>("api/health"))!;
        Assert.True(again["storage"]!["transactionsSinceStart"]!.GetValue<long>() >= before + 3, "the first request's three storage probes are counted");
    }

    [Fact]
    public async Task Heartbeat_timer_fires_on_its_schedule_and_records_its_run()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var hostId = $"real-heartbeat-{Guid.NewGuid():N}"[..24];
        var monitor = new ScheduleMonitor(fixture.Storage, hostId);
        await using var host = await RealApp.StartAsync(fixture, clock, hostId);
        ScheduleStatus? status = null;
        for (var i = 0; i < 200 && status is null; i++)
        {
            status = await monitor.ReadAsync("Heartbeat", CancellationToken.None);
            await Task.Delay(25);
        }
        Assert.NotNull(status);

        clock.Advance(status.Next - start + TimeSpan.FromSeconds(1));

        var log = new HeartbeatLog(fixture.Storage);
        IReadOnlyList<HeartbeatRun> runs = [];
        for (var i = 0; i < 400 && !runs.Any(r => r.ScheduledNextUtc == status.Next); i++)
        {
            await Task.Delay(50);
            runs = await log.RecentAsync(clock.GetUtcNow(), 50, CancellationToken.None);
        }
        var run = Assert.Single(runs, r => r.ScheduledNextUtc == status.Next);
        Assert.False(run.IsPastDue);
        Assert.Equal(0, status.Next.Minute % 5);
        Assert.Equal(0, status.Next.Second);
    }

    [Fact]
    public async Task A_90_day_virtual_jump_fires_the_5_minute_Heartbeat_once_past_due_instead_of_26000_times()
    {
        var clock = new Serverless.LocalHost.Clock.VirtualClock(DateTimeOffset.Parse("2026-01-05T14:00:00Z"));
        var hostId = RealApp.UniqueHostId("real-jump");
        await using var host = await RealApp.StartAsync(fixture, clock, hostId);
        var monitor = new ScheduleMonitor(fixture.Storage, hostId);
        for (var i = 0; i < 200 && await monitor.ReadAsync("Heartbeat", CancellationToken.None) is null; i++)
        {
            await Task.Delay(25);
        }

        var steps = await clock.AdvanceAsync(TimeSpan.FromDays(90), CancellationToken.None);

        Assert.True(steps < 50, $"the advance took {steps} steps");
        var log = new HeartbeatLog(fixture.Storage);
        IReadOnlyList<HeartbeatRun> runs = [];
        for (var i = 0; i < 200 && runs.Count == 0; i++)
        {
            await Task.Delay(50);
            runs = await log.RecentAsync(clock.GetUtcNow(), 50, CancellationToken.None);
        }
        var run = Assert.Single(runs, r => r.FiredAtUtc > DateTimeOffset.Parse("2026-04-01T00:00:00Z"));
        Assert.True(run.IsPastDue);
    }

    [Fact]
    public async Task A_HASA_case_walks_from_intake_to_an_overdue_first_referral_on_the_virtual_clock()
    {
        var clock = new Serverless.LocalHost.Clock.VirtualClock(DateTimeOffset.Parse("2026-01-05T14:00:00Z"));
        await using var host = await RealApp.StartAsync(fixture, clock, RealApp.UniqueHostId("hasa-walk"));
        using var api = await HasaApiClient.SignInAsync(host);
        var caseId = HasaApiClient.NewCaseId();

        using var created = await api.CreateCaseAsync(caseId, "2026-01-05");
        using var placed = await api.PostEventAsync(caseId, HasaApiClient.Event("EmergencyPlacement", "2026-01-05"));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        await clock.AdvanceAsync(TimeSpan.FromDays(100), CancellationToken.None);

        var referral = Assert.Single(await api.ListAsync(caseId, "missed"), d => d.Rule == "hasa.first-referral");
        Assert.Equal(("2026-04-05", "2026-04-03"), (referral.Due, referral.Target));
        Assert.Contains("§21-128(c)(2)(c)", referral.Citation);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var status = await http.GetAsync($"runtime/webhooks/durabletask/instances/{caseId}?code={LocalHostFixture.AdminKey}");
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode); // the referral cycle is still running, waiting for the case
    }

    [Fact]
    public async Task Admin_endpoints_require_the_admin_key()
    {
        await using var host = await RealApp.StartAsync(fixture, TimeProvider.System, "real-admin");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var anonymous = await http.GetAsync("admin/host/status");
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
        withKey.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
        using var authorized = await http.SendAsync(withKey);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        var status = (await authorized.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("real-admin", status["id"]!.GetValue<string>());
        Assert.Equal(host.Handler.Port, status["handler"]!["port"]!.GetValue<int>());
    }
}
