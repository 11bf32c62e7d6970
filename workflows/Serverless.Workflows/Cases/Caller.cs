namespace Serverless.Workflows.Cases;

/// <summary>Who is asking, from a validated token: user id, roles and field office.</summary>
public sealed record Caller(string User, IReadOnlyList<string> Roles, string? Office)
{
    public bool Has(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The roles tokens carry.</summary>
public static class Roles
{
    public const string Caseworker = "caseworker";
    public const string Supervisor = "supervisor";
    public const string HasaStaff = "hasa-staff";
    public const string Auditor = "auditor";
}
