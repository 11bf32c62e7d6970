using Microsoft.AspNetCore.Http;

namespace Serverless.LocalHost.FunctionsHost.Http;

/// <summary>The key a caller presents: the <c>x-functions-key</c> header, or the <c>code</c> query parameter.</summary>
public static class PresentedKey
{
    public static string? From(HttpRequest request) =>
        request.Headers.TryGetValue("x-functions-key", out var header) && !string.IsNullOrEmpty(header)
            ? header.ToString()
            : request.Query.TryGetValue("code", out var code) ? code.ToString() : null;
}
