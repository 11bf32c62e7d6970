using System.Text.Json.Nodes;
using Serverless.Durable.Client;
using Serverless.Durable.Hosting;

// Test-only custom handler. Each endpoint is a function of the app in ./app; it reports what the host sent it
// through output bindings so tests can assert the exact invocation payloads.
var builder = WebApplication.CreateSlimBuilder(args);
var port = int.Parse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "8080");
builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
builder.Logging.ClearProviders();
var app = builder.Build();
var markers = Environment.GetEnvironmentVariable("TEST_MARKER_DIR") ?? Path.GetTempPath();

static async Task<JsonObject> ReadAsync(HttpRequest request) => (JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync()) as JsonObject)!;
static IResult Outputs(JsonObject outputs, JsonNode? returnValue = null) =>
    Results.Json(new JsonObject { ["Outputs"] = outputs, ["Logs"] = new JsonArray("handled"), ["ReturnValue"] = returnValue });

app.MapPost("/Echo", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    var req = invocation["Data"]!["req"]!.AsObject();
    var status = req["Query"]?["status"]?.GetValue<string>() ?? "200";
    return Outputs(new JsonObject
    {
        ["res"] = new JsonObject
        {
            ["statusCode"] = status,
            ["headers"] = new JsonObject { ["X-Echo"] = "yes", ["Content-Type"] = "application/json" },
            ["body"] = new JsonObject { ["req"] = req.DeepClone(), ["metadata"] = invocation["Metadata"]!.DeepClone() }.ToJsonString(),
        },
    });
});

app.MapPost("/Slow", async () =>
{
    await Task.Delay(TimeSpan.FromSeconds(30));
    return Outputs(new JsonObject { ["res"] = new JsonObject { ["statusCode"] = 200, ["body"] = "late" } });
});

app.MapPost("/Broken", () => Results.Problem("the function threw", statusCode: 500));

app.MapPost("/AdminOnly", () => Outputs([], new JsonObject { ["statusCode"] = 200, ["body"] = "admin ok" }));

app.MapPost("/Items", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    var item = invocation["Data"]!["item"]!.GetValue<string>();
    if (item.StartsWith("fail", StringComparison.Ordinal))
    {
        return Results.Problem($"cannot process {item}", statusCode: 500);
    }
    return Outputs(new JsonObject { ["out"] = new JsonObject { ["item"] = item, ["metadata"] = invocation["Metadata"]!.DeepClone() } });
});

app.MapPost("/Orders", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    var order = invocation["Data"]!["order"]!.GetValue<string>();
    if (order.Contains("poison", StringComparison.Ordinal))
    {
        return Results.Problem($"cannot process poison order {order}", statusCode: 500);
    }
    return Outputs(new JsonObject { ["processed"] = new JsonArray(new JsonObject { ["order"] = order, ["metadata"] = invocation["Metadata"]!.DeepClone() }) });
});

app.MapPost("/Crashy", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    var item = invocation["Data"]!["item"]!.GetValue<string>();
    var marker = Path.Combine(markers, $"crashed-{item}");
    if (!File.Exists(marker))
    {
        File.WriteAllText(marker, "crashed once");
        Environment.Exit(3);
    }
    return Outputs(new JsonObject { ["out"] = new JsonObject { ["item"] = item, ["metadata"] = invocation["Metadata"]!.DeepClone() } });
});

app.MapPost("/Hang", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    if (invocation["Metadata"]!["DequeueCount"]!.GetValue<int>() == 1)
    {
        await Task.Delay(TimeSpan.FromMinutes(5));
    }
    return Outputs(new JsonObject { ["out"] = new JsonObject { ["item"] = invocation["Data"]!["item"]!.DeepClone(), ["metadata"] = invocation["Metadata"]!.DeepClone() } });
});

app.MapPost("/Tick", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    return Outputs(new JsonObject { ["ticks"] = new JsonObject { ["timer"] = invocation["Data"]!["timer"]!.DeepClone(), ["metadata"] = invocation["Metadata"]!.DeepClone() } });
});

var durable = new DurableInvocationHandler(TestOrchestrations.Registry(markers));
foreach (var function in durable.Registry.Functions)
{
    var name = function.Name;
    if (function.Kind == DurableFunctionKind.Orchestrator)
    {
        app.MapPost($"/{name}", async (HttpRequest request) =>
            Results.Content(durable.HandleOrchestrationTrigger(await new StreamReader(request.Body).ReadToEndAsync()), "application/json"));
    }
    else
    {
        app.MapPost($"/{name}", async (HttpRequest request, CancellationToken ct) =>
        {
            var result = await durable.HandleActivityTriggerAsync(name, await new StreamReader(request.Body).ReadToEndAsync(), ct);
            return Results.Content(result.ResponseJson, "application/json", statusCode: result.StatusCode);
        });
    }
}

// An HTTP function with a durableClient input binding: starts HelloCities through the binding's URLs.
app.MapPost("/StartHello", async (HttpRequest request) =>
{
    var invocation = await ReadAsync(request);
    var options = DurableClientOptions.FromBinding(invocation["Data"]!["starter"]!.ToJsonString());
    using var http = new HttpClient();
    var client = new DurableClient(http, options);
    var id = await client.ScheduleNewOrchestrationInstanceAsync("HelloCities");
    var check = client.CreateCheckStatusResponse(id);
    var headers = new JsonObject();
    foreach (var (header, value) in check.Headers)
    {
        headers[header] = value;
    }
    return Outputs(new JsonObject { ["res"] = new JsonObject { ["statusCode"] = check.StatusCode, ["headers"] = headers, ["body"] = check.Body } });
});

app.Run();
