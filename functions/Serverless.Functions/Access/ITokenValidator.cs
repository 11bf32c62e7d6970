using Serverless.Workflows.Cases;

namespace Serverless.Functions.Access;

/// <summary>Turns a bearer token into a caller, or null when the token is missing, malformed, expired or not ours.</summary>
public interface ITokenValidator
{
    Task<Caller?> ValidateAsync(string token, CancellationToken ct);
}
