using Serverless.Durable.Hosting;

namespace Serverless.Functions.Durable;

/// <summary>
/// One POST endpoint per registered orchestrator and activity. Orchestrations answer 200 with the base64
/// OrchestratorResponse (failures travel inside it); activities answer 200 with their result, or 500 with the
/// failure details, which the Durable extension records as TaskFailed.
/// </summary>
public static class DurableEndpoints
{
    public static void Map(WebApplication app, DurableFunctionRegistry registry)
    {
        var handler = new DurableInvocationHandler(registry, loggerFactory: app.Services.GetRequiredService<ILoggerFactory>());
        foreach (var function in registry.Functions)
        {
            var name = function.Name;
            if (function.Kind == DurableFunctionKind.Orchestrator)
            {
                app.MapPost($"/{name}", async (HttpRequest request) =>
                    Results.Content(handler.HandleOrchestrationTrigger(await ReadAsync(request)), "application/json"));
            }
            else
            {
                app.MapPost($"/{name}", async (HttpRequest request, CancellationToken ct) =>
                {
                    var result = await handler.HandleActivityTriggerAsync(name, await ReadAsync(request), ct);
                    return Results.Content(result.ResponseJson, "application/json", statusCode: result.StatusCode);
                });
            }
        }
    }

    private static async Task<string> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }
}
