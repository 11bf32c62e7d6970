using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.LocalHost.FunctionsHost.Http;

namespace Serverless.LocalHost.FunctionsHost.Admin;

/// <summary>
/// <c>POST /admin/dev-token</c> (admin key required): <c>{"user","roles":[...],"office"}</c> → <c>{"token"}</c>, an HS256 JWT
/// signed with <c>SERVERLESS_DEV_TOKEN_KEY</c> that the handler accepts in development. Mapped only when
/// <c>AZURE_FUNCTIONS_ENVIRONMENT=Development</c> and the key is set: elsewhere the route does not exist and tokens come from Entra ID.
/// </summary>
public static class DevTokenEndpoints
{
    public const string KeySetting = "SERVERLESS_DEV_TOKEN_KEY";
    public const string EnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";
    public const string Issuer = "serverless-localhost";
    public const string Audience = "serverless";
    public const int MinimumKeyLength = 32;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    public static readonly IReadOnlyList<string> KnownRoles = ["caseworker", "supervisor", "hasa-staff", "auditor"];

    /// <summary>Maps the route when the host runs in development; answers whether it did.</summary>
    public static bool Map(IEndpointRouteBuilder routes, Func<string?, bool> isAdminKey, Func<string, string?> setting, TimeProvider clock)
    {
        var key = setting(KeySetting);
        if (!string.Equals(setting(EnvironmentSetting), "Development", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(key))
        {
            return false;
        }
        routes.MapPost("/admin/dev-token", async (HttpContext context) =>
        {
            if (!isAdminKey(PresentedKey.From(context.Request)))
            {
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "POST /admin/dev-token requires the admin (master) key in the x-functions-key header or the code query parameter.");
                return;
            }
            if (Encoding.UTF8.GetByteCount(key) < MinimumKeyLength)
            {
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Misconfigured", $"{KeySetting} must be at least {MinimumKeyLength} bytes for HS256.");
                return;
            }
            var (request, errors) = await ReadAsync(context.Request);
            if (request is null)
            {
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", string.Join("; ", errors));
                return;
            }
            await context.Response.WriteAsJsonAsync(new { token = Issue(request, key, clock.GetUtcNow()) });
        });
        return true;
    }

    public sealed record DevTokenRequest(string User, IReadOnlyList<string> Roles, string? Office);

    /// <summary>An HS256 JWT: iss, aud, sub, preferred_username, roles, office, iat, nbf, exp.</summary>
    public static string Issue(DevTokenRequest request, string key, DateTimeOffset now)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = request.User,
            ["preferred_username"] = request.User,
            ["roles"] = new JsonArray([.. request.Roles.Select(r => (JsonNode?)r)]),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(Lifetime).ToUnixTimeSeconds(),
        };
        if (request.Office is not null)
        {
            payload["office"] = request.Office;
        }
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url(signature);
    }

    private static async Task<(DevTokenRequest? Request, List<string> Errors)> ReadAsync(HttpRequest http)
    {
        var errors = new List<string>();
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Body);
        }
        catch (JsonException)
        {
            return (null, ["body must be a JSON object"]);
        }
        var user = body?["user"] is JsonValue u && u.TryGetValue<string>(out var us) && !string.IsNullOrWhiteSpace(us) ? us : null;
        if (user is null)
        {
            errors.Add("user is required");
        }
        var roles = body?["roles"] is JsonArray array ? array.Select(r => r is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList() : null;
        if (roles is null || roles.Count == 0 || roles.Any(r => r is null || !KnownRoles.Contains(r)))
        {
            errors.Add($"roles must be a non-empty array of {string.Join(", ", KnownRoles)}");
        }
        var office = body?["office"] is JsonValue o && o.TryGetValue<string>(out var os) ? os : null;
        if (body?["office"] is not null && office is null)
        {
            errors.Add("office must be a string");
        }
        return errors.Count > 0 ? (null, errors) : (new DevTokenRequest(user!, [.. roles!.Select(r => r!)], office), errors);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
