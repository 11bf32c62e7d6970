using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serverless.LocalHost.Tests.Durable;

/// <summary>Calls the management API of one host with the admin key, and waits (bounded) for instances to finish.</summary>
internal sealed class DurableApi(HttpClient http, string adminKey)
{
    public const string Root = "runtime/webhooks/durabletask";

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(method, $"{Root}/{path}");
        request.Headers.Add("x-functions-key", adminKey);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        return await http.SendAsync(request);
    }

    public async Task<string> StartAsync(string orchestrator, string? instanceId = null, string? inputJson = null)
    {
        using var response = await SendAsync(HttpMethod.Post, $"orchestrators/{orchestrator}" + (instanceId is null ? "" : "/" + instanceId), inputJson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return payload["id"]!.GetValue<string>();
    }

    public async Task<(HttpStatusCode Code, JsonObject? Body)> StatusAsync(string instanceId, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, $"instances/{instanceId}{query}");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text) as JsonObject);
    }

    public Task<JsonObject> WaitForStatusAsync(string instanceId, string status, TimeSpan within) =>
        WaitUntilAsync(instanceId, body => body["runtimeStatus"]?.GetValue<string>() == status, status, within);

    /// <summary>Polls the instance's status until <paramref name="until"/> holds for it; <paramref name="what"/> names that for the timeout message.</summary>
    public async Task<JsonObject> WaitUntilAsync(string instanceId, Func<JsonObject, bool> until, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var (_, body) = await StatusAsync(instanceId);
            last = body;
            if (body is not null && until(body))
            {
                return body;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{instanceId} did not become {what} within {within.TotalSeconds} s; last status: {last?.ToJsonString()}");
    }
}
