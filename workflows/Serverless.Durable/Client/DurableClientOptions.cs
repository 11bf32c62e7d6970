using System.Text.Json;

namespace Serverless.Durable.Client;

/// <summary>
/// Where the management API lives: <c>{BaseUrl}</c> is the <c>/runtime/webhooks/durabletask</c> root and
/// <see cref="RequiredQueryStringParameters"/> (taskHub, connection, code) is appended to every request.
/// </summary>
public sealed record DurableClientOptions(Uri BaseUrl, string? RequiredQueryStringParameters = null)
{
    /// <summary>How often <see cref="DurableClient.WaitForInstanceCompletionAsync"/> polls.</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads the value of a <c>durableClient</c> input binding (baseUrl, requiredQueryStringParameters).</summary>
    public static DurableClientOptions FromBinding(string bindingJson)
    {
        using var document = JsonDocument.Parse(bindingJson);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.String)
        {
            return FromBinding(root.GetString()!);
        }

        string baseUrl = root.GetProperty("baseUrl").GetString()
            ?? throw new FormatException("The durableClient binding has no baseUrl.");
        string? required = root.TryGetProperty("requiredQueryStringParameters", out var value) ? value.GetString() : null;
        return new DurableClientOptions(new Uri(baseUrl), required);
    }
}
