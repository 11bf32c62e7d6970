using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Outputs;

namespace Serverless.LocalHost.FunctionsHost.Handler;

/// <summary>
/// Sends one invocation to the handler as the Azure host does (<c>POST /{FunctionName}</c> with
/// <c>{"Data","Metadata"}</c>), enforces <c>functionTimeout</c>, relays the handler's <c>Logs</c>, and on success
/// sends the queue and Service Bus output bindings before reporting the invocation done.
/// </summary>
public sealed class FunctionInvoker(HandlerProcess handler, HttpClient http, HostConfiguration host, OutputBindingSender outputs, TimeProvider clock, ILogger<FunctionInvoker> logger)
{
    /// <summary>Adds input binding values the host computes itself (the durableClient binding) before each invocation.</summary>
    public Action<FunctionDefinition, JsonObject>? AddInputBindings { get; set; }

    public async Task<InvocationResult> InvokeAsync(FunctionDefinition function, JsonObject data, JsonObject metadata, CancellationToken cancellationToken)
    {
        AddInputBindings?.Invoke(function, data);
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = function.Name,
            ["UtcNow"] = clock.GetUtcNow().UtcDateTime.ToString("O"),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var payload = new JsonObject { ["Data"] = data, ["Metadata"] = metadata };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(host.FunctionTimeout);
        InvocationResult result;
        try
        {
            await handler.WaitUntilReadyAsync(timeout.Token);
            using var response = await http.PostAsJsonAsync(new Uri(handler.BaseAddress, function.Name), payload, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            result = response.IsSuccessStatusCode
                ? Parse((int)response.StatusCode, text)
                : InvocationResult.Failure((int)response.StatusCode, $"The handler answered {(int)response.StatusCode}: {Truncate(text)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = InvocationResult.Failure(null, $"Timeout value of {host.FunctionTimeout} was exceeded by function: Functions.{function.Name}", timedOut: true);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
        {
            result = InvocationResult.Failure(null, $"The handler could not be reached or dropped the connection: {ex.Message}");
            try
            {
                await handler.RecoverAfterConnectionFailureAsync(cancellationToken);
            }
            catch (TimeoutException)
            {
                logger.LogError("The custom handler did not come back within {Timeout}", HandlerProcess.StartupTimeout);
            }
        }
        if (result.Succeeded)
        {
            RelayLogs(function, result);
            await outputs.SendAsync(function, result, cancellationToken);
            logger.LogInformation("Executed 'Functions.{Function}' (Succeeded)", function.Name);
        }
        else
        {
            logger.LogWarning("Executed 'Functions.{Function}' (Failed): {Error}", function.Name, result.Error);
        }
        return result;
    }

    private static InvocationResult Parse(int statusCode, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return InvocationResult.Success(statusCode, [], null);
        }
        try
        {
            var node = JsonNode.Parse(text, new JsonNodeOptions { PropertyNameCaseInsensitive = true }) as JsonObject;
            if (node is null)
            {
                return InvocationResult.Failure(statusCode, "The handler's answer is not a JSON object with Outputs, Logs and ReturnValue.");
            }
            var outputs = node["Outputs"] as JsonObject ?? [];
            node.Remove("Outputs");
            var returnValue = node["ReturnValue"];
            node.Remove("ReturnValue");
            var result = InvocationResult.Success(statusCode, outputs, returnValue);
            return result with { Logs = node["Logs"] is JsonArray logs ? logs.Select(l => l?.ToString() ?? "").ToList() : [] };
        }
        catch (JsonException ex)
        {
            return InvocationResult.Failure(statusCode, $"The handler's answer is not valid JSON: {ex.Message}");
        }
    }

    private void RelayLogs(FunctionDefinition function, InvocationResult result)
    {
        foreach (var line in result.Logs)
        {
            logger.LogInformation("[Functions.{Function}] {Line}", function.Name, line);
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000] + "...";
}
