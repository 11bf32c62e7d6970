using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Http;
using Serverless.LocalHost.FunctionsHost.Keys;
using Serverless.LocalHost.FunctionsHost.Messaging;

namespace Serverless.LocalHost.FunctionsHost.Admin;

/// <summary>
/// The host's own <c>/admin/*</c> API, master key required: host status, functions, keys, running a non-HTTP
/// function by hand (as the Azure portal does), and sending test messages to queues and Service Bus stand-ins.
/// </summary>
public static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, AdminContext admin)
    {
        var group = routes.MapGroup("/admin").AddEndpointFilter(async (ctx, next) =>
        {
            if (!admin.Keys.IsMasterKey(PresentedKey.From(ctx.HttpContext.Request)))
            {
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", "The /admin API requires the admin (master) key in the x-functions-key header or the code query parameter.");
                return Results.Empty;
            }
            return await next(ctx);
        });

        group.MapGet("/host/status", () => Results.Json(new
        {
            id = admin.HostId,
            state = "Running",
            version = typeof(AdminEndpoints).Assembly.GetName().Version?.ToString(),
            processUptime = (long)(admin.Clock.GetUtcNow() - admin.StartedAt).TotalMilliseconds,
            handler = new { port = admin.Handler.Port, processId = admin.Handler.ProcessId, restarts = admin.Handler.Restarts },
        }));

        group.MapGet("/functions", () => Results.Json(admin.Functions.Select(f => new
        {
            name = f.Name,
            trigger = f.Trigger.Type,
            bindings = f.Others.Select(b => new { name = b.Name, type = b.Type }),
        })));

        group.MapGet("/host/keys", () => Results.Json(new { keys = admin.Keys.HostFunctionKeys }));

        group.MapGet("/functions/{name}/keys", (string name) => Find(admin, name) is null
            ? NotFound(name)
            : Results.Json(new { keys = admin.Keys.FunctionKeys(name) }));

        group.MapPost("/functions/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            var function = Find(admin, name);
            if (function is null)
            {
                return NotFound(name);
            }
            var input = await ReadInputAsync(request, ct);
            var data = function.Trigger switch
            {
                TimerTriggerBinding t => new JsonObject { [t.Name] = new JsonObject { ["Schedule"] = new JsonObject { ["AdjustForDST"] = true }, ["ScheduleStatus"] = null, ["IsPastDue"] = false } },
                _ => new JsonObject { [function.Trigger.Name] = input },
            };
            var result = await admin.Invoker.InvokeAsync(function, data, [], ct);
            return result.Succeeded
                ? Results.Accepted()
                : Results.Problem(title: "Function failed", detail: result.Error, statusCode: StatusCodes.Status500InternalServerError);
        });

        group.MapPost("/servicebus/{queue}/messages", async (string queue, ServiceBusSendRequest message, CancellationToken ct) =>
        {
            var envelope = new ServiceBusEnvelope
            {
                MessageId = message.MessageId ?? Guid.NewGuid().ToString("N"),
                Body = message.Body.ValueKind == JsonValueKind.String ? message.Body.GetString()! : message.Body.GetRawText(),
                ContentType = message.ContentType ?? (message.Body.ValueKind == JsonValueKind.String ? "text/plain" : "application/json"),
                CorrelationId = message.CorrelationId,
                Subject = message.Subject,
                ApplicationProperties = message.ApplicationProperties ?? [],
                EnqueuedTimeUtc = admin.Clock.GetUtcNow(),
                SequenceNumber = admin.Queues.NextSequenceNumber(),
            };
            await admin.Queues.SendToServiceBusAsync(queue, envelope, ct);
            return Results.Accepted(value: new { messageId = envelope.MessageId, storageQueue = QueueNames.ForServiceBus(queue) });
        });

        group.MapPost("/queues/{queue}/messages", async (string queue, HttpRequest request, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            await admin.Queues.SendAsync(queue, await reader.ReadToEndAsync(ct), ct);
            return Results.Accepted();
        });
    }

    private static FunctionDefinition? Find(AdminContext admin, string name) =>
        admin.Functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IResult NotFound(string name) =>
        Results.Problem(title: "Function not found", detail: $"No function named '{name}'.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<JsonNode?> ReadInputAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonValue.Create("");
        }
        var body = JsonNode.Parse(text) as JsonObject;
        return body?["input"]?.DeepClone() ?? JsonValue.Create("");
    }
}

/// <summary>What the admin API needs from the running host.</summary>
public sealed record AdminContext(
    string HostId,
    IReadOnlyList<FunctionDefinition> Functions,
    KeyStore Keys,
    FunctionInvoker Invoker,
    HandlerProcess Handler,
    MessageQueues Queues,
    TimeProvider Clock,
    DateTimeOffset StartedAt);

/// <summary>A test or legacy-system message for a Service Bus queue stand-in.</summary>
public sealed record ServiceBusSendRequest(
    JsonElement Body,
    string? MessageId,
    string? ContentType,
    string? CorrelationId,
    string? Subject,
    Dictionary<string, JsonElement>? ApplicationProperties);
