using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Serverless.Functions.Tests.Hasa;

/// <summary>
/// A small Kestrel stand-in for the durable management API (the durable backend is built elsewhere): it records
/// every start and raised event, answers as azure-contracts.md §3 says, and knows which instances exist.
/// </summary>
internal sealed class ManagementApiStandIn : IAsyncDisposable
{
    public const string Root = "/runtime/webhooks/durabletask";
    private readonly WebApplication _app;
    private readonly HashSet<string> _instances = [];

    public List<(string Orchestrator, string InstanceId, string Body)> Starts { get; } = [];
    public List<(string InstanceId, string EventName, string Body)> Raised { get; } = [];

    private ManagementApiStandIn(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First() + Root;

    public JsonObject Binding => new()
    {
        ["taskHubName"] = "TestHub",
        ["baseUrl"] = BaseUrl,
        ["requiredQueryStringParameters"] = "taskHub=TestHub&connection=Storage&code=test",
    };

    public static async Task<ManagementApiStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new ManagementApiStandIn(app);
        app.MapPost(Root + "/orchestrators/{name}/{instanceId}", async (HttpContext context, string name, string instanceId) =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            lock (standIn)
            {
                standIn.Starts.Add((name, instanceId, body));
                if (!standIn._instances.Add(instanceId))
                {
                    return Results.Conflict();
                }
            }
            var status = $"{standIn.BaseUrl}/instances/{instanceId}?taskHub=TestHub&connection=Storage&code=test";
            return Results.Json(new Dictionary<string, string>
            {
                ["id"] = instanceId, ["statusQueryGetUri"] = status, ["sendEventPostUri"] = status, ["terminatePostUri"] = status,
                ["purgeHistoryDeleteUri"] = status, ["rewindPostUri"] = status, ["suspendPostUri"] = status, ["resumePostUri"] = status,
            }, statusCode: (int)HttpStatusCode.Accepted);
        });
        app.MapPost(Root + "/instances/{instanceId}/raiseEvent/{eventName}", async (HttpContext context, string instanceId, string eventName) =>
        {
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync();
            lock (standIn)
            {
                if (!standIn._instances.Contains(instanceId))
                {
                    return Results.NotFound();
                }
                standIn.Raised.Add((instanceId, eventName, body));
            }
            return Results.Accepted();
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
