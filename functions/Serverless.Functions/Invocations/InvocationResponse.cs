using System.Text.Json.Serialization;

namespace Serverless.Functions.Invocations;

/// <summary>What the handler answers: output binding values by name, log lines, and the <c>$return</c> value.</summary>
public sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }

    public static InvocationResponse Http(string bindingName, HttpResponseData response) =>
        new() { Outputs = { [bindingName] = response } };
}
