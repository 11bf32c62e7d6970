using Serverless.Durable.Hosting;
using Serverless.Functions.Durable;
using Serverless.Functions.Hasa;
using Serverless.Functions.Health;
using Serverless.Functions.Heartbeat;
using Serverless.Functions.Invocations;
using Serverless.Storage;
using Serverless.Workflows.Catalog;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Operations;

// The custom handler: the Functions host (Azure's or infra/'s local one) POSTs each invocation to /{FunctionName}.
var builder = WebApplication.CreateSlimBuilder(args);
var port = int.TryParse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"), out var p) ? p : 8080;
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(json => json.IncludeScopes = false);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, InvocationJson.Options.TypeInfoResolver!));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => new StorageClients(StorageConnection.FromSetting(builder.Configuration[StorageConnection.SettingName])));
builder.Services.AddSingleton<StorageProbe>();
builder.Services.AddSingleton<HeartbeatLog>();
builder.Services.AddHasaFunctions(builder.Configuration);
builder.Services.AddSingleton(sp => WorkflowCatalog.CreateRegistry(() => sp.GetRequiredService<HasaServices>().Service));

var app = builder.Build();

app.MapPost($"/{HealthFunction.Name}", HealthFunction.InvokeAsync);
app.MapPost($"/{HeartbeatFunction.Name}", HeartbeatFunction.InvokeAsync);
HasaEndpoints.Map(app);

DurableEndpoints.Map(app, app.Services.GetRequiredService<DurableFunctionRegistry>());

app.Run();

/// <summary>The handler's entry point, visible to tests that host it in memory.</summary>
public partial class Program;
