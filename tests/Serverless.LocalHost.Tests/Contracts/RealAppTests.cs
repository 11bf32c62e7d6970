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
    private Task<LocalFunctionsHost> StartRealAppAsync(TimeProvider clock, string hostId) => LocalFunctionsHost.StartAsync(new LocalHostOptions
    {
        AppRoot = RepositoryPaths.Root,
        Storage = fixture.Connection,
        Port = 0,
        BuildConfiguration = RepositoryPaths.Configuration,
        AppSettings = new Dictionary<string, string?>
        {
            ["SERVERLESS_ADMIN_KEY"] = LocalHostFixture.AdminKey,
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["SERVERLESS_DEV_TOKEN_KEY"] = "real-app-tests-dev-token-signing-key-0123456789",
        },
        Clock = clock,
        HostId = hostId,
        HubName = hostId.Replace("-", ""),
    }, TestLogging.Factory, CancellationToken.None);

    [Fact]
    public async Task Health_answers_200_with_storage_versions_and_uptime()
    {
        await using var host = await StartRealAppAsync(TimeProvider.System, "real-health");
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Healthy", health["status"]!.GetValue<string>());
        Assert.True(health["storage"]!["reachable"]!.GetValue<bool>());
        Assert.Equal(3, health["storage"]!["services"]!.AsArray().Count);
        Assert.Equal(Environment.Version.ToString(), health["versions"]!["dotnet"]!.GetValue<string>());
        Assert.True(health["uptimeSeconds"]!.GetValue<double>() >= 0);
    }

    [Fact]
    public async Task Heartbeat_timer_fires_on_its_schedule_and_records_its_run()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        var hostId = $"real-heartbeat-{Guid.NewGuid():N}"[..24];
        var monitor = new ScheduleMonitor(fixture.Storage, hostId);
        await using var host = await StartRealAppAsync(clock, hostId);
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
        var hostId = $"real-jump-{Guid.NewGuid():N}"[..20];
        await using var host = await StartRealAppAsync(clock, hostId);
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
        await using var host = await StartRealAppAsync(clock, $"hasa-walk-{Guid.NewGuid():N}"[..20]);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "admin/dev-token") { Content = JsonContent.Create(new { user = "jdoe", roles = new[] { "hasa-staff" }, office = "Manhattan" }) };
        tokenRequest.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
        using var tokenResponse = await http.SendAsync(tokenRequest);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var caseId = $"C-{Guid.NewGuid():N}"[..12];

        using var created = await http.PostAsJsonAsync("api/hasa/cases", new { caseId, clientId = "P-7Q2", office = "Manhattan", household = "individual", eligibilityDeterminedOn = "2026-01-05", homeless = true });
        using var placed = await http.PostAsJsonAsync($"api/hasa/cases/{caseId}/events", new { type = "EmergencyPlacement", occurredOn = "2026-01-05" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        await clock.AdvanceAsync(TimeSpan.FromDays(100), CancellationToken.None);

        using var missed = await http.GetAsync("api/deadlines?office=Manhattan&status=missed");
        Assert.Equal(HttpStatusCode.OK, missed.StatusCode);
        var items = (await missed.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        var referral = Assert.Single(items, i => i!["caseId"]!.GetValue<string>() == caseId && i["rule"]!.GetValue<string>() == "hasa.first-referral")!;
        Assert.Equal("2026-04-05", referral["due"]!.GetValue<string>());
        Assert.Equal("2026-04-03", referral["target"]!.GetValue<string>());
        Assert.Contains("§21-128(c)(2)(c)", referral["citation"]!.GetValue<string>());
        http.DefaultRequestHeaders.Authorization = null;
        using var status = await http.GetAsync($"runtime/webhooks/durabletask/instances/{caseId}?code={LocalHostFixture.AdminKey}");
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode); // the referral cycle is still running, waiting for the case
    }

    [Fact]
    public async Task Admin_endpoints_require_the_admin_key()
    {
        await using var host = await StartRealAppAsync(TimeProvider.System, "real-admin");
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
