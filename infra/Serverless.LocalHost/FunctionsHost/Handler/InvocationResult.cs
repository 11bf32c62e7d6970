using System.Text.Json.Nodes;

namespace Serverless.LocalHost.FunctionsHost.Handler;

/// <summary>The outcome of one invocation of the handler.</summary>
public sealed record InvocationResult(bool Succeeded, int? StatusCode, string? Error, bool TimedOut, JsonObject Outputs, JsonNode? ReturnValue)
{
    /// <summary>The handler's <c>Logs</c> lines.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    public static InvocationResult Success(int statusCode, JsonObject outputs, JsonNode? returnValue) => new(true, statusCode, null, false, outputs, returnValue);

    public static InvocationResult Failure(int? statusCode, string error, bool timedOut = false) => new(false, statusCode, error, timedOut, [], null);

    /// <summary>The value the handler gave an output binding; <c>$return</c> means <see cref="ReturnValue"/>.</summary>
    public JsonNode? OutputFor(string bindingName)
    {
        if (bindingName == "$return")
        {
            return ReturnValue;
        }
        foreach (var (name, value) in Outputs)
        {
            if (string.Equals(name, bindingName, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }
}
