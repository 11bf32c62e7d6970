using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Serverless.LocalHost.FunctionsHost.Http;

/// <summary>
/// Writes the handler's <c>http</c> output (<c>{"statusCode","body","headers"}</c>, any letter case; a string
/// or number status; a string or JSON body) as the HTTP response.
/// </summary>
public static class HttpResponseWriter
{
    public static async Task WriteAsync(HttpContext context, JsonNode? output)
    {
        if (output is null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (output is JsonValue bare)
        {
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync(bare.TryGetValue<string>(out var s) ? s : bare.ToJsonString());
            return;
        }
        var response = output as JsonObject ?? [];
        context.Response.StatusCode = StatusCode(Get(response, "statusCode") ?? Get(response, "status"));
        if (Get(response, "headers") is JsonObject headers)
        {
            foreach (var (name, header) in headers)
            {
                context.Response.Headers[name] = header is JsonValue v && v.TryGetValue<string>(out var text) ? text : header?.ToJsonString();
            }
        }
        var body = Get(response, "body");
        if (body is null)
        {
            return;
        }
        if (body is JsonValue value && value.TryGetValue<string>(out var bodyText))
        {
            await context.Response.WriteAsync(bodyText);
            return;
        }
        if (string.IsNullOrEmpty(context.Response.ContentType))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
        }
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static JsonNode? Get(JsonObject obj, string name) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static int StatusCode(JsonNode? node)
    {
        if (node is JsonValue value)
        {
            if (value.TryGetValue<int>(out var number))
            {
                return number;
            }
            if (value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }
        return node is null ? 200 : throw new JsonException($"statusCode {node.ToJsonString()} is not a number");
    }
}
