using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Workflows.Cases;

namespace Serverless.Functions.Access;

/// <summary>
/// Validates a JWT with the same <see cref="TokenValidationParameters"/> JwtBearer uses, so Entra ID (keys from the
/// tenant's OpenID metadata) and development tokens (HS256) differ only in their parameters.
/// Roles come from the <c>roles</c> claim (Entra app roles), the field office from <paramref name="officeClaim"/>.
/// </summary>
public sealed class JwtTokenValidator(TokenValidationParameters parameters, string officeClaim = JwtTokenValidator.DefaultOfficeClaim) : ITokenValidator
{
    public const string DefaultOfficeClaim = "office";

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<Caller?> ValidateAsync(string token, CancellationToken ct)
    {
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }
        var identity = result.ClaimsIdentity;
        var user = First(identity, "preferred_username") ?? First(identity, "sub") ?? First(identity, "oid");
        return user is null
            ? null
            : new Caller(user, [.. identity.FindAll("roles").Select(c => c.Value)], First(identity, officeClaim));
    }

    private static string? First(ClaimsIdentity identity, string type) => identity.FindFirst(type)?.Value;
}
