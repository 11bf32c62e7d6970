using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serverless.Durable.Tests.Client;

/// <summary>
/// Just enough of the Durable Functions management API (azure-contracts.md §3) to check what the client sends:
/// every request is recorded; instances live in memory.
/// </summary>
internal sealed class FakeManagementApi
{
    public const string Root = "/runtime/webhooks/durabletask";

    private int _generated;

    public List<RecordedRequest> Requests { get; } = [];

    public Dictionary<string, FakeInstance> Instances { get; } = [];

    public List<(string InstanceId, string EventName, string Body)> RaisedEvents { get; } = [];

    public void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            string body = await new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Requests.Add(new RecordedRequest(
                context.Request.Method,
                RawPath(context),
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers["x-ms-continuation-token"].ToString(),
                context.Request.ContentType,
                body));
            await next();
        });

        var api = app.MapGroup(Root);
        api.MapPost("/orchestrators/{name}/{instanceId?}", Start);
        api.MapGet("/instances/{instanceId}", Status);
        api.MapGet("/instances", Query);
        api.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEvent);
        api.MapPost("/instances/{instanceId}/{operation}", Control);
        api.MapDelete("/instances/{instanceId}", PurgeOne);
        api.MapDelete("/instances", PurgeMany);
    }

    // The path as sent on the wire, still escaped (Kestrel decodes Request.Path except %2F).
    private static string RawPath(HttpContext context)
    {
        string target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        int query = target.IndexOf('?');
        return query < 0 ? target : target[..query];
    }

    private IResult Start(HttpContext context, string name, string? instanceId)
    {
        string body = Requests[^1].Body;
        if (body.Length > 0 && !IsJson(body))
        {
            return Results.BadRequest("input is not JSON");
        }

        instanceId ??= $"generated-{++_generated}";
        if (Instances.TryGetValue(instanceId, out var existing) && existing.Status is "Running" or "Pending")
        {
            return Results.Conflict();
        }

        Instances[instanceId] = new FakeInstance(name, instanceId, "Pending", body.Length == 0 ? null : body, new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc));
        string statusUri = $"{context.Request.Scheme}://{context.Request.Host}{Root}/instances/{instanceId}";
        context.Response.Headers.Location = statusUri;
        context.Response.Headers.RetryAfter = "10";
        return Results.Json(new { id = instanceId, statusQueryGetUri = statusUri }, statusCode: 202);
    }

    private IResult Status(HttpContext context, string instanceId, bool showInput = false, bool showHistory = false)
    {
        if (!Instances.TryGetValue(instanceId, out var instance))
        {
            return Results.NotFound();
        }

        instance.StatusReads++;
        if (instance.CompleteAfterReads is { } reads && instance.StatusReads >= reads)
        {
            instance.Status = "Completed";
        }

        var payload = Payload(instance, showInput);
        if (showHistory)
        {
            payload["historyEvents"] = new JsonArray(new JsonObject { ["EventType"] = "ExecutionStarted" });
        }

        bool finished = instance.Status is "Completed" or "Failed" or "Terminated" or "Canceled";
        if (!finished)
        {
            context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}";
        }

        return Results.Content(payload.ToJsonString(), "application/json", statusCode: finished ? 200 : 202);
    }

    private IResult Query(
        HttpContext context, DateTime? createdTimeFrom, DateTime? createdTimeTo, string? runtimeStatus,
        string? instanceIdPrefix, bool showInput = false, int top = 100)
    {
        var matches = Filter(createdTimeFrom, createdTimeTo, runtimeStatus)
            .Where(i => instanceIdPrefix is null || i.InstanceId.StartsWith(instanceIdPrefix, StringComparison.Ordinal))
            .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
        string token = context.Request.Headers["x-ms-continuation-token"].ToString();
        int skip = token.Length == 0 ? 0 : int.Parse(token.Replace("page-", string.Empty));
        var page = matches.Skip(skip).Take(top).ToList();
        if (skip + top < matches.Count)
        {
            context.Response.Headers["x-ms-continuation-token"] = $"page-{skip + top}";
        }

        var array = new JsonArray(page.Select(i => (JsonNode)Payload(i, showInput)).ToArray());
        return Results.Content(array.ToJsonString(), "application/json");
    }

    private IResult RaiseEvent(string instanceId, string eventName)
    {
        if (!Instances.TryGetValue(instanceId, out var instance))
        {
            return Results.NotFound();
        }

        if (instance.Status is "Completed" or "Failed" or "Terminated")
        {
            return Results.StatusCode(410);
        }

        RaisedEvents.Add((instanceId, eventName, Requests[^1].Body));
        return Results.Accepted();
    }

    private IResult Control(string instanceId, string operation, string? reason)
    {
        if (!Instances.TryGetValue(instanceId, out var instance))
        {
            return Results.NotFound();
        }

        if (operation == "rewind" ? instance.Status != "Failed" : instance.Status is "Completed" or "Failed" or "Terminated")
        {
            return Results.StatusCode(410);
        }

        instance.Status = operation switch
        {
            "terminate" => "Terminated",
            "suspend" => "Suspended",
            "resume" => "Running",
            "rewind" => "Running",
            _ => instance.Status,
        };
        instance.LastReason = reason;
        return Results.Accepted();
    }

    private IResult PurgeOne(string instanceId) => Instances.Remove(instanceId)
        ? Results.Json(new { instancesDeleted = 1 })
        : Results.NotFound();

    private IResult PurgeMany(DateTime? createdTimeFrom, DateTime? createdTimeTo, string? runtimeStatus)
    {
        var doomed = Filter(createdTimeFrom, createdTimeTo, runtimeStatus).ToList();
        foreach (var instance in doomed)
        {
            Instances.Remove(instance.InstanceId);
        }

        return doomed.Count == 0 ? Results.NotFound() : Results.Json(new { instancesDeleted = doomed.Count });
    }

    private IEnumerable<FakeInstance> Filter(DateTime? from, DateTime? to, string? runtimeStatus)
    {
        var statuses = runtimeStatus?.Split(',');
        return Instances.Values.Where(i =>
            (from is null || i.CreatedTime >= from.Value.ToUniversalTime())
            && (to is null || i.CreatedTime <= to.Value.ToUniversalTime())
            && (statuses is null || statuses.Contains(i.Status)));
    }

    private static JsonObject Payload(FakeInstance instance, bool showInput) => new()
    {
        ["name"] = instance.Name,
        ["instanceId"] = instance.InstanceId,
        ["runtimeStatus"] = instance.Status,
        ["input"] = showInput && instance.InputJson is not null ? JsonNode.Parse(instance.InputJson) : null,
        ["customStatus"] = instance.CustomStatusJson is null ? null : JsonNode.Parse(instance.CustomStatusJson),
        ["output"] = instance.OutputJson is null ? null : JsonNode.Parse(instance.OutputJson),
        ["createdTime"] = instance.CreatedTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["lastUpdatedTime"] = instance.CreatedTime.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ"),
    };

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

internal sealed record RecordedRequest(string Method, string Path, string Query, string ContinuationToken, string? ContentType, string Body);

internal sealed class FakeInstance(string name, string instanceId, string status, string? inputJson, DateTime createdTime)
{
    public string Name { get; } = name;

    public string InstanceId { get; } = instanceId;

    public string Status { get; set; } = status;

    public string? InputJson { get; } = inputJson;

    public string? OutputJson { get; set; }

    public string? CustomStatusJson { get; set; }

    public DateTime CreatedTime { get; set; } = createdTime;

    public int StatusReads { get; set; }

    public int? CompleteAfterReads { get; set; }

    public string? LastReason { get; set; }
}
