using Serverless.Functions.Access;
using Serverless.Functions.Invocations;
using Serverless.Storage;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>The HASA functions of the handler (one POST /{FunctionName} each) and the services they share.</summary>
public static class HasaEndpoints
{
    public static IServiceCollection AddHasaFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new HasaServices(sp.GetRequiredService<StorageClients>(), NodaTime.SystemClock.Instance));
        services.AddSingleton(_ => TokenSettings.CreateValidator(name => configuration[name]));
        services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        services.AddSingleton<HasaEndpointServices>();
        return services;
    }

    public static void Map(WebApplication app)
    {
        Map(app, HasaCasesCreateFunction.Name, HasaCasesCreateFunction.InvokeAsync);
        Map(app, HasaCaseEventsFunction.Name, HasaCaseEventsFunction.InvokeAsync);
        Map(app, HasaSubmissionFunction.ApplicationsName, HasaSubmissionFunction.ApplicationsAsync);
        Map(app, HasaSubmissionFunction.DocumentsName, HasaSubmissionFunction.DocumentsAsync);
        Map(app, HasaCaseGetFunction.Name, HasaCaseGetFunction.InvokeAsync);
        Map(app, DeadlinesFunction.Name, DeadlinesFunction.InvokeAsync);
        app.MapPost($"/{OpenApiFunction.Name}", OpenApiFunction.Invoke);
    }

    private static void Map(WebApplication app, string name, Func<InvocationRequest, HasaEndpointServices, CancellationToken, Task<InvocationResponse>> function) =>
        app.MapPost($"/{name}", async (InvocationRequest request, HasaEndpointServices services, CancellationToken ct) =>
        {
            await services.ReadyAsync(ct);
            return await function(request, services, ct);
        });
}
