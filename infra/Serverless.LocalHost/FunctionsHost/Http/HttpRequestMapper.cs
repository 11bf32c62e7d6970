using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Serverless.LocalHost.FunctionsHost.Http;

/// <summary>Maps an incoming HTTP request to the custom-handler <c>Data.req</c> object and the trigger metadata.</summary>
public static class HttpRequestMapper
{
    public static (JsonObject Request, JsonObject Metadata) Map(HttpContext context, string body)
    {
        var request = context.Request;
        var query = new JsonObject();
        foreach (var (name, values) in request.Query)
        {
            query[name] = values.ToString();
        }
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        var routeParams = new JsonObject();
        foreach (var (name, value) in request.RouteValues)
        {
            routeParams[name] = value?.ToString();
        }
        var url = new StringBuilder().Append(request.Scheme).Append("://").Append(request.Host).Append(request.PathBase).Append(request.Path).Append(request.QueryString).ToString();
        var req = new JsonObject
        {
            ["Url"] = url,
            ["Method"] = request.Method,
            ["Query"] = query,
            ["Headers"] = headers,
            ["Params"] = routeParams,
            ["Identities"] = new JsonArray(),
            ["Body"] = body,
        };
        var metadata = new JsonObject
        {
            ["Query"] = query.DeepClone(),
            ["Headers"] = headers.DeepClone(),
        };
        foreach (var (name, value) in routeParams)
        {
            metadata[name] = value?.DeepClone();
        }
        return (req, metadata);
    }
}
