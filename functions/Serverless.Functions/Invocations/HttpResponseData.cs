using System.Text.Json.Serialization;

namespace Serverless.Functions.Invocations;

/// <summary>The HTTP response an httpTrigger function returns through its <c>http</c> output binding.</summary>
public sealed record HttpResponseData
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; } = 200;
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string> Headers { get; init; } = [];

    public static HttpResponseData Json(int statusCode, string json, string contentType = "application/json") =>
        new() { StatusCode = statusCode, Body = json, Headers = { ["Content-Type"] = contentType } };
}
