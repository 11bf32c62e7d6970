using System.Text.Json.Nodes;
using Serverless.Functions.Invocations;

namespace Serverless.Functions.Hasa;

/// <summary>The HTTP answers HASA functions give: JSON, and RFC 9457 problem+json with every field error at once.</summary>
public static class HttpAnswers
{
    public static InvocationResponse Json(int status, JsonNode body, Dictionary<string, string>? headers = null) =>
        Raw(status, body.ToJsonString(HasaJson.Options), headers);

    public static InvocationResponse Raw(int status, string body, Dictionary<string, string>? headers = null, string contentType = "application/json")
    {
        var response = HttpResponseData.Json(status, body, contentType);
        foreach (var (name, value) in headers ?? [])
        {
            response.Headers[name] = value;
        }
        return InvocationResponse.Http("res", response);
    }

    public static InvocationResponse Problem(int status, string title, string? detail = null, IReadOnlyDictionary<string, List<string>>? errors = null)
    {
        var body = new JsonObject { ["type"] = "about:blank", ["title"] = title, ["status"] = status };
        if (detail is not null)
        {
            body["detail"] = detail;
        }
        if (errors is { Count: > 0 })
        {
            body["errors"] = new JsonObject(errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonArray([.. e.Value.Select(v => (JsonNode?)v)]))));
        }
        return Raw(status, body.ToJsonString(), contentType: "application/problem+json");
    }

    public static InvocationResponse Unauthorized()
    {
        var response = Problem(401, "Unauthorized", "A valid bearer token is required.");
        ((HttpResponseData)response.Outputs["res"]!).Headers["WWW-Authenticate"] = "Bearer";
        return response;
    }

    public static InvocationResponse Forbidden() => Problem(403, "Forbidden", "Your role or office does not allow this record.");

    public static InvocationResponse NotFound(string what) => Problem(404, "Not Found", $"No {what}.");

    public static InvocationResponse Conflict(string reason) => Problem(409, "Conflict", reason);

    public static InvocationResponse Invalid(IReadOnlyDictionary<string, List<string>> errors) =>
        Problem(400, "Bad Request", "One or more fields are invalid.", errors);

    public static JsonNode Parse(string json) => JsonNode.Parse(json) ?? new JsonObject();
}
