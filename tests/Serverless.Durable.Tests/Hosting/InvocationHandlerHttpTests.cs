using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serverless.Durable.Hosting;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Hosting;

/// <summary>Drives an orchestration through a handler endpoint over HTTP, framed exactly as the Functions host frames it.</summary>
public class InvocationHandlerHttpTests
{
    private static readonly DateTime Start = new(2026, 4, 6, 15, 0, 0, DateTimeKind.Utc);

    private static DurableFunctionRegistry Registry() => new DurableFunctionRegistry()
        .AddOrchestratorFunc<string, string>("Greeter", (ctx, city) => ctx.CallActivityAsync<string>("SayHello", city))
        .AddActivityFunc<string, string>("SayHello", (ctx, city) => city == "Nowhere"
            ? throw new InvalidOperationException("no such city", new KeyNotFoundException(city))
            : Task.FromResult($"Hello {city} [{ctx.IdempotencyKey}]"))
        .AddActivityFunc<Order, int>("Total", (_, order) => Task.FromResult(order.Quantity * order.Price));

    /// <summary>The handler side: one POST route per function, as the custom handler serves them.</summary>
    private static Task<TestWebServer> StartHandler(DurableInvocationHandler handler) => TestWebServer.StartAsync(app =>
        app.MapPost("/{function}", async (string function, HttpRequest request) =>
        {
            string body = await new StreamReader(request.Body).ReadToEndAsync();
            var kind = handler.Registry.Functions.Single(f => f.Name.Equals(function, StringComparison.OrdinalIgnoreCase)).Kind;
            if (kind == DurableFunctionKind.Orchestrator)
            {
                return Results.Content(handler.HandleOrchestrationTrigger(body), "application/json");
            }

            var result = await handler.HandleActivityTriggerAsync(function, body);
            return Results.Content(result.ResponseJson, "application/json", statusCode: result.StatusCode);
        }));

    private static string OrchestrationBody(OrchestratorRequest request, string functionName)
    {
        string base64 = ProtocolFraming.EncodeRequest(request);
        // Data.context is a JSON string whose content is a JSON string literal of the base64.
        string context = JsonSerializer.Serialize(JsonSerializer.Serialize(base64));
        return "{\"Data\":{\"context\":" + context + "},\"Metadata\":{\"sys\":{\"MethodName\":\"" + functionName +
               "\",\"UtcNow\":\"2026-04-06T15:00:00Z\",\"RandGuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\"}}}";
    }

    private static string ActivityBody(string name, string inputJson, string instanceId, int taskId) =>
        "{\"Data\":{\"input\":" + inputJson + "},\"Metadata\":{\"instanceId\":" + JsonSerializer.Serialize(JsonSerializer.Serialize(instanceId)) +
        ",\"taskScheduledId\":" + taskId + ",\"sys\":{\"MethodName\":\"" + name + "\"}}}";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static OrchestratorResponse ReturnedResponse(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        return ProtocolFraming.DecodeResponse(body.GetProperty("ReturnValue").GetString()!);
    }

    [Fact]
    public async Task An_orchestration_runs_to_completion_through_the_handler_endpoint()
    {
        await using var server = await StartHandler(new DurableInvocationHandler(Registry()));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var history = new HistoryBuilder(Start, "inst-1").Started("Greeter", "\"Tokyo\"");

        var (status1, body1) = await Post(client, "Greeter", OrchestrationBody(history.ToRequest(0), "Greeter"));
        var schedule = Assert.Single(ReturnedResponse(body1).Actions);
        Assert.Equal(HttpStatusCode.OK, status1);
        Assert.Equal("SayHello", schedule.ScheduleTask.Name);

        var (status2, body2) = await Post(client, "SayHello", ActivityBody("SayHello", schedule.ScheduleTask.Input, "inst-1", schedule.Id));
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Equal("Hello Tokyo [inst-1:0]", body2.GetProperty("ReturnValue").GetString());

        int past = history.Events.Count + 2;
        history.TaskScheduled(schedule.Id, "SayHello", schedule.ScheduleTask.Input).OrchestratorCompleted()
            .Advance(TimeSpan.FromSeconds(2)).OrchestratorStarted()
            .TaskCompleted(schedule.Id, body2.GetProperty("ReturnValue").GetRawText());
        var (status3, body3) = await Post(client, "Greeter", OrchestrationBody(history.ToRequest(past), "Greeter"));

        var completion = Assert.Single(ReturnedResponse(body3).Actions).CompleteOrchestration;
        Assert.Equal(HttpStatusCode.OK, status3);
        Assert.Equal(OrchestrationStatus.Completed, completion.OrchestrationStatus);
        Assert.Equal("\"Hello Tokyo [inst-1:0]\"", completion.Result);
    }

    [Fact]
    public async Task A_failing_activity_answers_500_with_the_failure_details()
    {
        await using var server = await StartHandler(new DurableInvocationHandler(Registry()));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var (status, body) = await Post(client, "SayHello", ActivityBody("SayHello", "\"Nowhere\"", "inst-2", 3));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        var failure = FailureDetailsJson.Read(body.GetProperty("FailureDetails"));
        Assert.Equal("System.InvalidOperationException", failure.ErrorType);
        Assert.Equal("no such city", failure.ErrorMessage);
        Assert.Equal("System.Collections.Generic.KeyNotFoundException", failure.InnerFailureDetails!.ErrorType);
        Assert.Contains("no such city", body.GetProperty("Logs")[0].GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public async Task Activity_input_may_be_a_json_value_or_a_string_holding_json()
    {
        var handler = new DurableInvocationHandler(Registry());

        var asObject = await handler.HandleActivityTriggerAsync("Total", ActivityBody("Total", "{\"quantity\":3,\"price\":4}", "i", 1));
        var asString = await handler.HandleActivityTriggerAsync(null, ActivityBody("Total", JsonSerializer.Serialize("{\"quantity\":2,\"price\":5}"), "i", 2));

        Assert.Equal("12", asObject.Result.OutputJson);
        Assert.Equal("10", asString.Result.OutputJson);
        Assert.Equal(200, asString.StatusCode);
    }

    [Fact]
    public async Task An_unknown_activity_is_a_non_retriable_failure()
    {
        var handler = new DurableInvocationHandler(Registry());

        var result = await handler.HandleActivityTriggerAsync("Missing", ActivityBody("Missing", "1", "i", 1));

        Assert.Equal(500, result.StatusCode);
        Assert.Equal("ActivityNotFound", result.Result.Failure!.ErrorType);
        Assert.True(result.Result.Failure.IsNonRetriable);
    }

    [Fact]
    public async Task Without_a_task_id_the_idempotency_key_is_refused_rather_than_guessed()
    {
        var handler = new DurableInvocationHandler(Registry());
        string body = "{\"Data\":{\"input\":\"Oslo\"},\"Metadata\":{\"instanceId\":\"i\",\"sys\":{\"MethodName\":\"SayHello\"}}}";

        var result = await handler.HandleActivityTriggerAsync(null, body);

        Assert.Equal(500, result.StatusCode);
        Assert.Contains("idempotency key", result.Result.Failure!.ErrorMessage);
    }

    [Fact]
    public void An_unregistered_orchestrator_completes_as_failed_inside_a_200_response()
    {
        var handler = new DurableInvocationHandler(Registry());
        var request = new HistoryBuilder(Start).Started("Unknown", null).ToRequest(0);

        string body = handler.HandleOrchestrationTrigger(OrchestrationBody(request, "Unknown"));

        using var document = JsonDocument.Parse(body);
        var completion = Assert.Single(ReturnedResponse(document.RootElement).Actions).CompleteOrchestration;
        Assert.Equal(OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("Unknown", completion.FailureDetails.ErrorMessage);
    }

    [Fact]
    public void A_body_without_the_context_binding_is_a_format_error()
    {
        var handler = new DurableInvocationHandler(Registry());

        Assert.Throws<FormatException>(() => handler.HandleOrchestrationTrigger("{\"Data\":{},\"Metadata\":{}}"));
    }

    public sealed record Order(int Quantity, int Price);
}
