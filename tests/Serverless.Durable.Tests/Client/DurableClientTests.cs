using System.Net;
using System.Text.Json;
using Serverless.Durable.Client;

namespace Serverless.Durable.Tests.Client;

public sealed class DurableClientTests : IAsyncLifetime
{
    private const string Required = "taskHub=Hub&connection=Storage&code=s3cret";
    private readonly FakeManagementApi _api = new();
    private TestWebServer _server = null!;
    private HttpClient _http = null!;
    private DurableClient _client = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _server = await TestWebServer.StartAsync(_api.Map);
        _http = new HttpClient();
        _root = new Uri(_server.BaseAddress, FakeManagementApi.Root).ToString();
        _client = new DurableClient(_http, new DurableClientOptions(new Uri(_root), Required) { PollingInterval = TimeSpan.Zero });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private FakeInstance Seed(string id, string status, int minutesAfterNoon = 0, string name = "Flow")
    {
        var instance = new FakeInstance(name, id, status, "{\"caseId\":7}", new DateTime(2026, 6, 1, 12, minutesAfterNoon, 0, DateTimeKind.Utc));
        _api.Instances[id] = instance;
        return instance;
    }

    [Fact]
    public async Task Schedule_posts_the_input_json_to_the_orchestrator_route_and_returns_the_new_id()
    {
        string id = await _client.ScheduleNewOrchestrationInstanceAsync("Flow", new { CaseId = 7 });

        var request = Assert.Single(_api.Requests);
        Assert.Equal("generated-1", id);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/runtime/webhooks/durabletask/orchestrators/Flow", request.Path);
        Assert.Equal("?" + Required, request.Query);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal("{\"CaseId\":7}", request.Body);
    }

    [Fact]
    public async Task Schedule_with_an_instance_id_puts_the_escaped_id_in_the_path()
    {
        string id = await _client.ScheduleNewOrchestrationInstanceAsync("Flow", null, new StartOrchestrationOptions("case 7/a"));

        Assert.Equal("case 7/a", id);
        Assert.Equal("/runtime/webhooks/durabletask/orchestrators/Flow/case%207%2Fa", Assert.Single(_api.Requests).Path);
        Assert.Equal(string.Empty, _api.Requests[0].Body);
    }

    [Fact]
    public async Task Scheduling_an_id_that_is_already_running_returns_the_existing_instance()
    {
        var existing = Seed("case-1", "Running");

        string id = await _client.ScheduleNewOrchestrationInstanceAsync("Flow", new { CaseId = 99 }, new StartOrchestrationOptions("case-1"));

        Assert.Equal("case-1", id);
        Assert.Single(_api.Instances);
        Assert.Same(existing, _api.Instances["case-1"]);
    }

    [Fact]
    public async Task Schedule_with_rejected_input_throws_with_the_400_status()
    {
        var error = await Assert.ThrowsAsync<DurableClientException>(() =>
            _client.ScheduleNewOrchestrationInstanceAsync("Flow", new RawJson()));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Get_instance_reads_a_running_instance_from_a_202()
    {
        var instance = Seed("case-2", "Running");
        instance.CustomStatusJson = "{\"step\":\"review\"}";

        var status = await _client.GetInstanceAsync("case-2", getInputsAndOutputs: true);

        Assert.NotNull(status);
        Assert.Equal(OrchestrationRuntimeStatus.Running, status.RuntimeStatus);
        Assert.True(status.IsRunning);
        Assert.Equal(7, status.ReadInputAs<JsonElement>().GetProperty("caseId").GetInt32());
        Assert.Equal("review", status.ReadCustomStatusAs<JsonElement>().GetProperty("step").GetString());
        Assert.Null(status.SerializedOutput);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), status.CreatedAt);
        Assert.Equal("/runtime/webhooks/durabletask/instances/case-2", _api.Requests[0].Path);
        Assert.Equal("?showInput=true&" + Required, _api.Requests[0].Query);
    }

    [Fact]
    public async Task Get_instance_reads_a_completed_instance_with_output_and_history()
    {
        var instance = Seed("case-3", "Completed");
        instance.OutputJson = "[1,2]";

        var status = await _client.GetInstanceAsync("case-3", showHistory: true);

        Assert.NotNull(status);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal([1, 2], status.ReadOutputAs<int[]>()!);
        Assert.Null(status.SerializedInput);
        Assert.Contains("ExecutionStarted", status.SerializedHistory);
        Assert.Equal("?showHistory=true&" + Required, _api.Requests[0].Query);
    }

    [Fact]
    public async Task Get_instance_returns_null_for_an_unknown_id()
    {
        Assert.Null(await _client.GetInstanceAsync("nobody"));
    }

    [Fact]
    public async Task Query_sends_every_filter_and_pages_with_the_continuation_header()
    {
        for (int i = 1; i <= 5; i++)
        {
            Seed($"case-{i}", i % 2 == 0 ? "Pending" : "Running", minutesAfterNoon: i);
        }

        Seed("case-6", "Completed", minutesAfterNoon: 6);
        Seed("other-1", "Running", minutesAfterNoon: 1);
        var query = new OrchestrationQuery
        {
            CreatedFrom = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero),
            CreatedTo = new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero),
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            InstanceIdPrefix = "case-",
            FetchInputsAndOutputs = true,
            PageSize = 2,
        };

        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in _client.GetAllInstancesAsync(query))
        {
            all.Add(instance);
        }

        Assert.Equal(["case-1", "case-2", "case-3", "case-4", "case-5"], all.Select(i => i.InstanceId));
        Assert.Equal(3, _api.Requests.Count);
        Assert.Equal(
            "?createdTimeFrom=2026-06-01T12%3A00%3A00.0000000Z&createdTimeTo=2026-06-01T13%3A00%3A00.0000000Z" +
            "&runtimeStatus=Running%2CPending&instanceIdPrefix=case-&showInput=true&top=2&" + Required,
            _api.Requests[0].Query);
        Assert.Equal(["", "page-2", "page-4"], _api.Requests.Select(r => r.ContinuationToken));
        Assert.All(_api.Requests, r => Assert.Equal("/runtime/webhooks/durabletask/instances", r.Path));
    }

    [Fact]
    public async Task A_query_page_reports_the_token_and_null_on_the_last_page()
    {
        Seed("a", "Running");
        Seed("b", "Running");

        var first = await _client.QueryInstancesAsync(new OrchestrationQuery { PageSize = 1 });
        var last = await _client.QueryInstancesAsync(new OrchestrationQuery { PageSize = 1, ContinuationToken = first.ContinuationToken });

        Assert.Equal("page-1", first.ContinuationToken);
        Assert.Equal("b", Assert.Single(last.Instances).InstanceId);
        Assert.Null(last.ContinuationToken);
    }

    [Fact]
    public async Task Raise_event_posts_the_payload_to_the_event_route()
    {
        Seed("case-4", "Running");

        await _client.RaiseEventAsync("case-4", "DocumentsReceived", new { Count = 2 });

        Assert.Equal(("case-4", "DocumentsReceived", "{\"Count\":2}"), Assert.Single(_api.RaisedEvents));
        Assert.Equal("/runtime/webhooks/durabletask/instances/case-4/raiseEvent/DocumentsReceived", _api.Requests[0].Path);
    }

    [Fact]
    public async Task Raise_event_on_unknown_or_finished_instances_fails_with_404_and_410()
    {
        Seed("done", "Completed");

        var unknown = await Assert.ThrowsAsync<DurableClientException>(() => _client.RaiseEventAsync("nobody", "x"));
        var gone = await Assert.ThrowsAsync<DurableClientException>(() => _client.RaiseEventAsync("done", "x"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("already completed", gone.Message);
    }

    [Fact]
    public async Task Terminate_suspend_and_resume_post_to_their_routes_with_the_reason()
    {
        var instance = Seed("case-5", "Running");

        await _client.SuspendInstanceAsync("case-5", "waiting for docs");
        Assert.Equal("Suspended", instance.Status);
        await _client.ResumeInstanceAsync("case-5");
        Assert.Equal("Running", instance.Status);
        await _client.TerminateInstanceAsync("case-5", "duplicate case");

        Assert.Equal("Terminated", instance.Status);
        Assert.Equal(
            ["/instances/case-5/suspend?reason=waiting%20for%20docs&", "/instances/case-5/resume?", "/instances/case-5/terminate?reason=duplicate%20case&"],
            _api.Requests.Select(r => r.Path[FakeManagementApi.Root.Length..] + r.Query[..^Required.Length]));
        var gone = await Assert.ThrowsAsync<DurableClientException>(() => _client.TerminateInstanceAsync("case-5"));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task Rewind_posts_to_the_rewind_route_of_a_failed_instance()
    {
        var instance = Seed("failed-1", "Failed");

        await _client.RewindInstanceAsync("failed-1", "fixed the mail server");

        Assert.Equal("Running", instance.Status);
        Assert.Equal("fixed the mail server", instance.LastReason);
        Assert.Equal("/runtime/webhooks/durabletask/instances/failed-1/rewind", _api.Requests[0].Path);
    }

    [Fact]
    public async Task Purge_deletes_one_instance_or_reports_zero()
    {
        Seed("case-6", "Completed");

        var purged = await _client.PurgeInstanceAsync("case-6");
        var again = await _client.PurgeInstanceAsync("case-6");

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Equal(0, again.PurgedInstanceCount);
        Assert.Equal("DELETE", _api.Requests[0].Method);
        Assert.Equal("/runtime/webhooks/durabletask/instances/case-6", _api.Requests[0].Path);
    }

    [Fact]
    public async Task Purge_with_a_filter_deletes_the_matching_instances()
    {
        Seed("old-done", "Completed", 0);
        Seed("old-failed", "Failed", 1);
        Seed("running", "Running", 2);

        var purged = await _client.PurgeAllInstancesAsync(new PurgeInstancesFilter(
            Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed]));

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.Equal(["running"], _api.Instances.Keys);
        Assert.Equal("?runtimeStatus=Completed%2CFailed&" + Required, _api.Requests[0].Query);
    }

    [Fact]
    public async Task Wait_for_completion_polls_until_the_instance_finishes()
    {
        var instance = Seed("case-7", "Running");
        instance.CompleteAfterReads = 3;
        instance.OutputJson = "\"done\"";

        var status = await _client.WaitForInstanceCompletionAsync("case-7", getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("done", status.ReadOutputAs<string>());
        Assert.Equal(3, _api.Requests.Count);
    }

    [Fact]
    public async Task Wait_for_completion_of_an_unknown_instance_throws_404()
    {
        var error = await Assert.ThrowsAsync<DurableClientException>(() => _client.WaitForInstanceCompletionAsync("nobody"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_status_response_is_202_with_location_retry_after_and_the_management_urls()
    {
        Seed("case 8", "Running");

        var response = _client.CreateCheckStatusResponse("case 8");

        string instance = _root + "/instances/case%208";
        Assert.Equal(202, response.StatusCode);
        Assert.Equal(instance + "?" + Required, response.Headers["Location"]);
        Assert.Equal("10", response.Headers["Retry-After"]);
        var payload = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(
            ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "rewindPostUri", "suspendPostUri", "resumePostUri"],
            payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("case 8", payload.GetProperty("id").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}?" + Required, payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}&" + Required, payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance + "?" + Required, payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(instance + "/suspend?reason={text}&" + Required, payload.GetProperty("suspendPostUri").GetString());

        using var followed = await _http.GetAsync(response.Headers["Location"]);
        Assert.Equal(HttpStatusCode.Accepted, followed.StatusCode);
    }

    [Fact]
    public void Check_status_response_has_a_custom_handler_form_for_Outputs_res()
    {
        var response = _client.CreateCheckStatusResponse("x");

        var res = JsonDocument.Parse(response.ToCustomHandlerOutput()).RootElement;

        Assert.Equal(202, res.GetProperty("statusCode").GetInt32());
        Assert.Equal(response.Body, res.GetProperty("body").GetString());
        Assert.Equal(response.Payload.StatusQueryGetUri, res.GetProperty("headers").GetProperty("Location").GetString());
    }

    [Fact]
    public void Options_come_from_the_durableClient_binding_value()
    {
        var options = DurableClientOptions.FromBinding(
            "{\"taskHubName\":\"Hub\",\"baseUrl\":\"http://localhost:7071/runtime/webhooks/durabletask\",\"requiredQueryStringParameters\":\"taskHub=Hub&code=x\"}");
        var quoted = DurableClientOptions.FromBinding(JsonSerializer.Serialize("{\"baseUrl\":\"http://h/runtime/webhooks/durabletask\"}"));

        Assert.Equal(new Uri("http://localhost:7071/runtime/webhooks/durabletask"), options.BaseUrl);
        Assert.Equal("taskHub=Hub&code=x", options.RequiredQueryStringParameters);
        Assert.Null(quoted.RequiredQueryStringParameters);
    }

    /// <summary>Serializes to something that is not JSON, to make the fake answer 400.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))]
    private sealed class RawJson;

    private sealed class RawJsonConverter : System.Text.Json.Serialization.JsonConverter<RawJson>
    {
        public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new();

        public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
            writer.WriteRawValue("{not json", skipInputValidation: true);
    }
}
