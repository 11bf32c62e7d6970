using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>The management API's shapes, headers and status codes (azure-contracts.md §3) and the extra query filters.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ManagementApiContractTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly DurableApi _api = new(fixture.Http, LocalHostFixture.AdminKey);

    [Fact]
    public async Task Start_answers_202_with_the_management_payload_in_order_Location_and_Retry_After()
    {
        var id = "start-" + Guid.NewGuid().ToString("N");
        using var response = await _api.SendAsync(HttpMethod.Post, $"orchestrators/HelloCities/{id}", "\"input\"");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "rewindPostUri", "suspendPostUri", "resumePostUri"], payload.Select(p => p.Key));
        Assert.All(payload, p => Assert.Equal(System.Text.Json.JsonValueKind.String, p.Value!.GetValueKind()));
        Assert.Equal(id, payload["id"]!.GetValue<string>());
        Assert.Equal(payload["statusQueryGetUri"]!.GetValue<string>(), response.Headers.Location!.ToString());
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains($"/instances/{id}/raiseEvent/{{eventName}}?", payload["sendEventPostUri"]!.GetValue<string>());
        Assert.Contains("/terminate?reason={text}&taskHub=TestHubName&connection=Storage&code=", payload["terminatePostUri"]!.GetValue<string>());
        await _api.WaitForStatusAsync(id, "Completed", Within);
    }

    [Fact]
    public async Task Management_urls_carry_the_durable_system_key_never_the_admin_key_and_that_key_opens_only_the_durable_api()
    {
        var id = "key-" + Guid.NewGuid().ToString("N");
        using var response = await _api.SendAsync(HttpMethod.Post, $"orchestrators/HelloCities/{id}", "\"input\"");
        var statusUri = (await response.Content.ReadFromJsonAsync<JsonObject>())!["statusQueryGetUri"]!.GetValue<string>();
        var systemKey = fixture.Host.Keys.SystemKey("durabletask_extension");

        Assert.DoesNotContain(LocalHostFixture.AdminKey, statusUri);
        Assert.EndsWith($"code={Uri.EscapeDataString(systemKey)}", statusUri);
        using var status = await fixture.Http.GetAsync(statusUri);
        Assert.True(status.IsSuccessStatusCode, $"status with the system key answered {(int)status.StatusCode}");
        using var admin = await fixture.Http.GetAsync($"admin/host/status?code={Uri.EscapeDataString(systemKey)}");
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }

    [Fact]
    public async Task Start_rejects_bad_input_unknown_orchestrators_and_running_duplicates()
    {
        using var badJson = await _api.SendAsync(HttpMethod.Post, "orchestrators/HelloCities", "{not json");
        using var unknown = await _api.SendAsync(HttpMethod.Post, "orchestrators/NoSuchOrchestrator", null);
        var id = await _api.StartAsync("AwaitApproval", "dup-" + Guid.NewGuid().ToString("N"));
        using var duplicate = await _api.SendAsync(HttpMethod.Post, $"orchestrators/AwaitApproval/{id}", null);

        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var _ = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/terminate?reason=cleanup");
    }

    [Fact]
    public async Task Status_is_202_while_running_200_when_done_404_when_unknown_with_fields_in_contract_order()
    {
        var id = await _api.StartAsync("AwaitApproval", "status-" + Guid.NewGuid().ToString("N"), "\"in\"");
        await _api.WaitForStatusAsync(id, "Running", Within);
        using var running = await _api.SendAsync(HttpMethod.Get, $"instances/{id}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.Location);
        var body = (await running.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], body.Select(p => p.Key));
        Assert.Equal("in", body["input"]!.GetValue<string>());
        Assert.Equal("waiting", body["customStatus"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["createdTime"]!.GetValue<string>());

        using var raised = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/raiseEvent/Approval", "\"Grace\"");
        await _api.WaitForStatusAsync(id, "Completed", Within);
        var (code, done) = await _api.StatusAsync(id, "?showHistory=true&showHistoryOutput=true");
        var (unknownCode, _) = await _api.StatusAsync("no-such-instance");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(done);
        Assert.Equal("historyEvents", done.Last().Key);
        var types = done["historyEvents"]!.AsArray().Select(e => e!["EventType"]!.GetValue<string>()).ToList();
        Assert.Equal(["ExecutionStarted", "EventRaised", "ExecutionCompleted"], types);
        Assert.Equal(HttpStatusCode.NotFound, unknownCode);
    }

    [Fact]
    public async Task Raise_terminate_suspend_and_resume_answer_202_404_and_410()
    {
        var id = await _api.StartAsync("AwaitApproval", "control-" + Guid.NewGuid().ToString("N"));
        await _api.WaitForStatusAsync(id, "Running", Within);

        using var suspend = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/suspend?reason=pause");
        await _api.WaitForStatusAsync(id, "Suspended", Within);
        using var resume = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/resume?reason=go");
        await _api.WaitForStatusAsync(id, "Running", Within);
        using var terminate = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/terminate?reason=enough");
        var terminated = await _api.WaitForStatusAsync(id, "Terminated", Within);
        using var raiseGone = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/raiseEvent/Approval", "1");
        using var terminateGone = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/terminate");
        using var raiseUnknown = await _api.SendAsync(HttpMethod.Post, "instances/nobody/raiseEvent/Approval", "1");
        using var suspendUnknown = await _api.SendAsync(HttpMethod.Post, "instances/nobody/suspend");

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("enough", terminated["output"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Gone, raiseGone.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, terminateGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, raiseUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, suspendUnknown.StatusCode);
    }

    [Fact]
    public async Task Query_filters_by_prefix_name_status_custom_status_and_pages_with_the_continuation_header()
    {
        var prefix = "query-" + Guid.NewGuid().ToString("N")[..8] + "-";
        for (int i = 0; i < 3; i++)
        {
            await _api.StartAsync("HelloCities", $"{prefix}hello-{i}");
        }
        var waiting = await _api.StartAsync("AwaitApproval", $"{prefix}wait");
        for (int i = 0; i < 3; i++)
        {
            await _api.WaitForStatusAsync($"{prefix}hello-{i}", "Completed", Within);
        }
        await _api.WaitForStatusAsync(waiting, "Running", Within);

        var ids = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            using var page = await _api.SendAsync(HttpMethod.Get, $"instances?instanceIdPrefix={prefix}&name=HelloCities&runtimeStatus=Completed,Failed&top=2&showTotalCount=true",
                headers: token is null ? null : new Dictionary<string, string> { ["x-ms-continuation-token"] = token });
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("3", page.Headers.GetValues("x-ms-total-count").Single());
            ids.AddRange((await page.Content.ReadFromJsonAsync<JsonArray>())!.Select(i => i!["instanceId"]!.GetValue<string>()));
            token = page.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null);
        using var byCustomStatus = await _api.SendAsync(HttpMethod.Get, $"instances?instanceIdPrefix={prefix}&customStatusPrefix=wait");
        using var badStatus = await _api.SendAsync(HttpMethod.Get, "instances?runtimeStatus=Sleeping");

        Assert.Equal([$"{prefix}hello-0", $"{prefix}hello-1", $"{prefix}hello-2"], ids.Order());
        Assert.True(pages >= 2);
        Assert.Equal([waiting], (await byCustomStatus.Content.ReadFromJsonAsync<JsonArray>())!.Select(i => i!["instanceId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        using var _ = await _api.SendAsync(HttpMethod.Post, $"instances/{waiting}/terminate");
    }

    [Fact]
    public async Task Purge_deletes_one_instance_or_every_match_and_answers_404_when_nothing_matched()
    {
        var prefix = "purge-" + Guid.NewGuid().ToString("N")[..8] + "-";
        for (int i = 0; i < 3; i++)
        {
            await _api.StartAsync("HelloCities", $"{prefix}{i}");
        }
        for (int i = 0; i < 3; i++)
        {
            await _api.WaitForStatusAsync($"{prefix}{i}", "Completed", Within);
        }

        using var one = await _api.SendAsync(HttpMethod.Delete, $"instances/{prefix}0");
        using var again = await _api.SendAsync(HttpMethod.Delete, $"instances/{prefix}0");
        using var bulk = await _api.SendAsync(HttpMethod.Delete, $"instances?instanceIdPrefix={prefix}&runtimeStatus=Completed&createdTimeFrom=2000-01-01T00:00:00Z");
        using var none = await _api.SendAsync(HttpMethod.Delete, $"instances?instanceIdPrefix={prefix}&runtimeStatus=Completed");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("""{"instancesDeleted":1}""", await one.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("""{"instancesDeleted":2}""", await bulk.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.StatusAsync($"{prefix}1")).Code);
    }

    [Fact]
    public async Task The_api_requires_the_admin_key()
    {
        using var response = await fixture.Http.GetAsync($"{DurableApi.Root}/instances");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
