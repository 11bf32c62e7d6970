using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Serverless.LocalHost.FunctionsHost.Http;

/// <summary>RFC 7807 problem details for the host's own errors (unknown route, bad key, body too large, timeout).</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var problem = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = context.Request.Path.Value,
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(problem));
    }
}
