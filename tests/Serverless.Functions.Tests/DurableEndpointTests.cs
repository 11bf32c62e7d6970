using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Functions.Tests;

/// <summary>An orchestration registered in the handler, driven through its HTTP endpoints exactly as the Azure host frames it.</summary>
public sealed class DurableEndpointTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc);
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _http;

    public DurableEndpointTests()
    {
        var registry = new DurableFunctionRegistry()
            .AddOrchestratorFunc<string, string>("Greeter", async (context, name) => await context.CallActivityAsync<string>("SayHello", name))
            .AddActivityFunc<string, string>("SayHello", (_, name) => Task.FromResult($"Hello {name}"))
            .AddActivityFunc<string, string>("Refuse", (_, _) => throw new InvalidOperationException("refused on purpose"));
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureTestServices(services => services.AddSingleton(registry)));
        _http = _factory.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task Orchestration_schedules_its_activity_then_completes_with_the_activity_result()
    {
        var started = new[]
        {
            HistoryEvents.OrchestratorStarted(T0),
            HistoryEvents.ExecutionStarted(T0, "Greeter", "\"Ada\"", "case-1"),
        };
        var first = await InvokeOrchestratorAsync(new OrchestratorRequest { InstanceId = "case-1", NewEvents = { started } });
        var schedule = Assert.Single(first.Actions);
        Assert.True(schedule.ScheduleTask is not null, first.ToString());
        Assert.Equal("SayHello", schedule.ScheduleTask.Name);
        Assert.Equal("\"Ada\"", schedule.ScheduleTask.Input);

        var activity = await InvokeActivityAsync("SayHello", schedule.ScheduleTask.Input, "case-1", schedule.Id);
        Assert.Equal("Hello Ada", activity.GetValue<string>());

        var second = await InvokeOrchestratorAsync(new OrchestratorRequest
        {
            InstanceId = "case-1",
            PastEvents = { started, HistoryEvents.TaskScheduled(T0, schedule.Id, "SayHello", "\"Ada\""), HistoryEvents.OrchestratorCompleted(T0) },
            NewEvents = { HistoryEvents.OrchestratorStarted(T0.AddSeconds(1)), HistoryEvents.TaskCompleted(T0.AddSeconds(1), schedule.Id, "\"Hello Ada\"") },
        });
        var complete = Assert.Single(second.Actions).CompleteOrchestration;
        Assert.Equal(OrchestrationStatus.Completed, complete.OrchestrationStatus);
        Assert.Equal("\"Hello Ada\"", complete.Result);
    }

    [Fact]
    public async Task Activity_failure_answers_non_2xx_with_failure_details()
    {
        using var response = await _http.PostAsync("/Refuse", Json(ActivityBody("Refuse", "\"x\"", "case-2", 0)));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("FailureDetails", body);
        Assert.Contains("refused on purpose", body);
    }

    [Fact]
    public void Every_registered_durable_function_of_the_app_has_a_matching_function_json()
    {
        var root = RepositoryRoot();
        var drift = FunctionJsonGenerator.FindDrift(Workflows.Catalog.WorkflowCatalog.CreateRegistry(), Path.Combine(root, "functions"));

        Assert.Empty(drift);
    }

    private async Task<OrchestratorResponse> InvokeOrchestratorAsync(OrchestratorRequest request)
    {
        var body = new JsonObject
        {
            ["Data"] = new JsonObject { ["context"] = ProtocolFraming.WrapContextBinding(ProtocolFraming.EncodeRequest(request)) },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "Greeter" } },
        };
        using var response = await _http.PostAsync("/Greeter", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ProtocolFraming.DecodeResponse(answer["ReturnValue"]!.GetValue<string>());
    }

    private async Task<JsonNode> InvokeActivityAsync(string name, string inputJson, string instanceId, int taskId)
    {
        using var response = await _http.PostAsync($"/{name}", Json(ActivityBody(name, inputJson, instanceId, taskId)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ReturnValue"]!;
    }

    private static JsonObject ActivityBody(string name, string inputJson, string instanceId, int taskId) => new()
    {
        ["Data"] = new JsonObject { ["input"] = JsonNode.Parse(inputJson) },
        ["Metadata"] = new JsonObject
        {
            ["instanceId"] = instanceId,
            ["taskScheduledId"] = taskId,
            ["sys"] = new JsonObject { ["MethodName"] = name },
        },
    };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Serverless.sln");
    }
}
