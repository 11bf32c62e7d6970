using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;

// The benchmark app's handler: the Durable Functions "HelloCities" shape with five activities in sequence.
var builder = WebApplication.CreateSlimBuilder(args);
var port = int.Parse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "8080");
builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
builder.Logging.ClearProviders();
var app = builder.Build();

var registry = new DurableFunctionRegistry()
    .AddOrchestratorFunc<string?, string>("HelloCities5", async (context, _) =>
    {
        foreach (var city in new[] { "Tokyo", "Seattle", "London", "Cairo", "Lima" })
        {
            await context.CallActivityAsync<string>("Noop", city);
        }
        return "done";
    })
    .AddOrchestratorFunc<DateTime, double>("Sleeper", async (context, fireAt) =>
    {
        await context.CreateTimer(fireAt, CancellationToken.None);
        // How late the backend ran the episode after the timer's due time.
        return (context.CurrentUtcDateTime - fireAt).TotalMilliseconds;
    })
    .AddActivityFunc<string, string>("Noop", (_, city) => Task.FromResult(city));

var durable = new DurableInvocationHandler(registry);
foreach (var function in registry.Functions)
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

app.Run();
