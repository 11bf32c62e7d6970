using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serverless.LocalHost.FunctionsHost.Admin;
using Serverless.Storage;
using Serverless.Testing;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Tests.Hasa;

/// <summary>
/// The real handler in memory over a real Azurite (tables of its own), with development tokens and the
/// management-API stand-in as its durableClient binding; invocations are framed as the Functions host frames them.
/// </summary>
internal sealed class HasaHandler : IAsyncDisposable
{
    public const string DevKey = "test-dev-token-key-with-at-least-32-bytes";
    public static readonly DateTimeOffset Now = new(2026, 4, 20, 14, 0, 0, TimeSpan.Zero);

    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _http;

    private HasaHandler(WebApplicationFactory<Program> factory, ManagementApiStandIn management, HasaServices services)
    {
        _factory = factory;
        _http = factory.CreateClient();
        Management = management;
        Services = services;
    }

    public ManagementApiStandIn Management { get; }

    public HasaServices Services { get; }

    public static async Task<HasaHandler> StartAsync(AzuriteFixture azurite)
    {
        var management = await ManagementApiStandIn.StartAsync();
        var services = new HasaServices(azurite.Clients, NodaTime.SystemClock.Instance, tablePrefix: UniqueNames.Table("h"));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting(StorageConnection.SettingName, azurite.Connection.ConnectionString);
            web.UseSetting("SERVERLESS_DEV_TOKEN_KEY", DevKey);
            web.UseSetting("AZURE_FUNCTIONS_ENVIRONMENT", "Development");
            web.ConfigureTestServices(s => s.AddSingleton(services));
        });
        return new HasaHandler(factory, management, services);
    }

    public static string Token(string user, string office = "Jerome", params string[] roles) =>
        DevTokenEndpoints.Issue(new DevTokenEndpoints.DevTokenRequest(user, roles.Length == 0 ? ["hasa-staff"] : roles, office), DevKey, DateTimeOffset.UtcNow);

    public static readonly string Staff = Token("ana");

    public async Task<Answer> InvokeAsync(
        string function, string method, string path, JsonNode? body = null, string? token = null, Dictionary<string, string?>? routeParams = null,
        Dictionary<string, string>? query = null, Dictionary<string, string>? headers = null, bool withStarter = true)
    {
        var requestHeaders = new JsonObject();
        if (token is not null)
        {
            requestHeaders["Authorization"] = new JsonArray("Bearer " + token);
        }
        foreach (var (name, value) in headers ?? [])
        {
            requestHeaders[name] = new JsonArray(value);
        }
        var data = new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = "http://localhost:7071/api/" + path,
                ["Method"] = method,
                ["Query"] = new JsonObject((query ?? []).Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value))),
                ["Headers"] = requestHeaders,
                ["Params"] = new JsonObject((routeParams ?? []).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["Body"] = body?.ToJsonString(),
            },
        };
        if (withStarter)
        {
            data["starter"] = Management.Binding.ToJsonString();
        }
        var invocation = new JsonObject
        {
            ["Data"] = data,
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = function, ["UtcNow"] = Now.ToString("o") } },
        };
        using var response = await _http.PostAsync("/" + function, new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var res = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Outputs"]!["res"]!;
        var answerHeaders = res["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var text = res["body"]?.GetValue<string>() ?? "";
        return new Answer(res["statusCode"]!.GetValue<int>(), answerHeaders, text);
    }

    /// <summary>Invokes an activity as the Durable extension does; answers its ReturnValue.</summary>
    public async Task<JsonNode> InvokeActivityAsync(string name, JsonNode input, string instanceId)
    {
        var invocation = new JsonObject
        {
            ["Data"] = new JsonObject { ["input"] = input },
            ["Metadata"] = new JsonObject { ["instanceId"] = instanceId, ["taskScheduledId"] = 0, ["sys"] = new JsonObject { ["MethodName"] = name } },
        };
        using var response = await _http.PostAsync("/" + name, new StringContent(invocation.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["ReturnValue"]!;
    }

    /// <summary>Invokes an orchestrator as the Durable extension does (base64 protobuf inside a JSON string).</summary>
    public async Task<Serverless.Durable.Protocol.OrchestratorResponse> InvokeOrchestratorAsync(string name, Serverless.Durable.Protocol.OrchestratorRequest request)
    {
        var body = new JsonObject
        {
            ["Data"] = new JsonObject { ["context"] = Serverless.Durable.Protocol.ProtocolFraming.WrapContextBinding(Serverless.Durable.Protocol.ProtocolFraming.EncodeRequest(request)) },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = name } },
        };
        using var response = await _http.PostAsync("/" + name, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return Serverless.Durable.Protocol.ProtocolFraming.DecodeResponse(answer["ReturnValue"]!.GetValue<string>());
    }

    public Task<Answer> CreateCaseAsync(string caseId, string token, string eligible = "2026-03-02", Dictionary<string, string>? headers = null) =>
        InvokeAsync("HasaCasesCreate", "POST", "hasa/cases", new JsonObject
        {
            ["caseId"] = caseId, ["clientId"] = "P-" + caseId, ["office"] = "Jerome", ["household"] = "individual",
            ["eligibilityDeterminedOn"] = eligible, ["homeless"] = true,
            ["client"] = new JsonObject { ["name"] = "Test Client", ["dateOfBirth"] = "1980-05-06", ["address"] = "1 Main St" },
        }, token, headers: headers);

    public Task<Answer> EventAsync(string caseId, JsonObject body, string? token = null, Dictionary<string, string>? headers = null) =>
        InvokeAsync("HasaCaseEvents", "POST", $"hasa/cases/{caseId}/events", body, token ?? Staff, new() { ["caseId"] = caseId }, headers: headers);

    public Task<Answer> GetCaseAsync(string caseId, string? token = null) =>
        InvokeAsync("HasaCaseGet", "GET", $"hasa/cases/{caseId}", null, token ?? Staff, new() { ["caseId"] = caseId }, withStarter: false);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        await Management.DisposeAsync();
    }
}

internal sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
}
