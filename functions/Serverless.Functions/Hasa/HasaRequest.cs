using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Serverless.Functions.Access;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Hasa;

namespace Serverless.Functions.Hasa;

/// <summary>
/// One HASA invocation unpacked: the HTTP request, the authenticated caller, the host's current time
/// (<c>Metadata.sys.UtcNow</c>, so a host on a virtual clock is obeyed), the purpose of use and the idempotency key.
/// </summary>
public sealed record HasaRequest(
    InvocationRequest Invocation, HttpRequestData Http, Caller? Caller, Instant Now, string Purpose, IdempotencyWrite? Idempotency)
{
    public const string PurposeHeader = "X-Purpose";
    public const string DefaultPurpose = "case management";

    public static async Task<HasaRequest> ReadAsync(string function, InvocationRequest invocation, ITokenValidator tokens, TimeProvider clock, CancellationToken ct)
    {
        var http = invocation.Binding<HttpRequestData>("req", InvocationJson.Options) ?? new HttpRequestData();
        var now = invocation.Sys(InvocationJson.Options)?.UtcNow ?? clock.GetUtcNow();
        var authorization = http.Header("Authorization");
        Caller? caller = null;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            caller = await tokens.ValidateAsync(authorization["Bearer ".Length..].Trim(), ct);
        }
        var key = http.Header("Idempotency-Key");
        var idempotency = string.IsNullOrWhiteSpace(key) ? null : new IdempotencyWrite(key.Trim(), Hash(function, http));
        var purpose = http.Header(PurposeHeader) is { Length: > 0 } p ? p : DefaultPurpose;
        return new HasaRequest(invocation, http, caller, Instant.FromDateTimeOffset(now), purpose, idempotency);
    }

    /// <summary>
    /// The checks every HASA form makes first: 401 without a valid caller, 403 without HASA access; then a bad
    /// Idempotency-Key or a body that is not a JSON object go into <paramref name="errors"/> with the form's own.
    /// </summary>
    [MemberNotNullWhen(true, nameof(Caller))]
    public bool TryAdmit(FieldErrors errors, [NotNullWhen(false)] out InvocationResponse? refused)
    {
        if (Caller is null)
        {
            refused = HttpAnswers.Unauthorized();
            return false;
        }
        if (!HasaAccessPolicy.MayUseHasa(Caller))
        {
            refused = HttpAnswers.Forbidden();
            return false;
        }
        refused = null;
        if (!IdempotencyKeyIsValid)
        {
            errors.Add("Idempotency-Key", "must be at most 100 characters without / \\ # ? | or control characters");
        }
        if (Body() is not JsonObject)
        {
            errors.Add("body", "must be a JSON object");
        }
        return true;
    }

    public string? Param(string name) => Http.Params.TryGetValue(name, out var value) ? value : null;

    public JsonNode? Body()
    {
        try
        {
            return string.IsNullOrWhiteSpace(Http.Body) ? null : JsonNode.Parse(Http.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>An Idempotency-Key must hold the characters a table key allows; other keys are a field error.</summary>
    public bool IdempotencyKeyIsValid => Idempotency is null || Idempotency.Key.Length <= 100
        && !Idempotency.Key.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    private static string Hash(string function, HttpRequestData http) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(function + "\n" + string.Join(",", http.Params.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)) + "\n" + http.Body)));
}
