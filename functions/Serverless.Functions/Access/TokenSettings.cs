using System.Text;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Serverless.Functions.Access;

/// <summary>
/// Which tokens the app accepts. In Azure: Entra ID (<c>SERVERLESS_ENTRA_TENANT_ID</c>, <c>SERVERLESS_ENTRA_AUDIENCE</c>),
/// keys from the tenant's OpenID metadata. In development only (<c>AZURE_FUNCTIONS_ENVIRONMENT=Development</c>): HS256
/// tokens signed with <c>SERVERLESS_DEV_TOKEN_KEY</c> (office in the <c>office</c> claim; for Entra the claim is
/// <c>SERVERLESS_OFFICE_CLAIM</c>, default <c>office</c>), as the local host's <c>POST /admin/dev-token</c> issues them.
/// With neither, every request is refused (401).
/// </summary>
public static class TokenSettings
{
    public const string DevKeySetting = "SERVERLESS_DEV_TOKEN_KEY";
    public const string EnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";
    public const string TenantSetting = "SERVERLESS_ENTRA_TENANT_ID";
    public const string AudienceSetting = "SERVERLESS_ENTRA_AUDIENCE";
    public const string OfficeClaimSetting = "SERVERLESS_OFFICE_CLAIM";
    public const string DevIssuer = "serverless-localhost";
    public const string DevAudience = "serverless";

    public static ITokenValidator CreateValidator(Func<string, string?> setting)
    {
        var devKey = setting(DevKeySetting);
        var officeClaim = setting(OfficeClaimSetting) is { Length: > 0 } claim ? claim : JwtTokenValidator.DefaultOfficeClaim;
        if (!string.IsNullOrEmpty(devKey) && string.Equals(setting(EnvironmentSetting), "Development", StringComparison.OrdinalIgnoreCase))
        {
            return new JwtTokenValidator(Development(devKey));
        }
        if (setting(TenantSetting) is { Length: > 0 } tenant && setting(AudienceSetting) is { Length: > 0 } audience)
        {
            // Entra carries the field office in whatever claim the tenant maps it to (e.g. a directory extension)
            return new JwtTokenValidator(Entra(tenant, audience), officeClaim);
        }
        return new RefuseAllTokens();
    }

    public static TokenValidationParameters Development(string key) => new()
    {
        ValidIssuer = DevIssuer,
        ValidAudience = DevAudience,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromMinutes(1),
    };

    public static TokenValidationParameters Entra(string tenant, string audience)
    {
        var authority = $"https://login.microsoftonline.com/{tenant}/v2.0";
        return new TokenValidationParameters
        {
            ValidIssuer = authority,
            ValidAudience = audience,
            ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                authority + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever()),
        };
    }

    private sealed class RefuseAllTokens : ITokenValidator
    {
        public Task<Workflows.Cases.Caller?> ValidateAsync(string token, CancellationToken ct) => Task.FromResult<Workflows.Cases.Caller?>(null);
    }
}
