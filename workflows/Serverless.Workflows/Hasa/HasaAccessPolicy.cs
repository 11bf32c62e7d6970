using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// HIV status is disclosed by a HASA case itself (PHL Art. 27-F; §21-128(g) "strict guidelines"), so only HASA staff
/// of the case's field office and supervisors of that office read or write it. Auditors see the deadline list across
/// offices (case ids and rules, no case content), never case files.
/// </summary>
public static class HasaAccessPolicy
{
    public static bool MayUseHasa(Caller caller) => caller.Has(Roles.HasaStaff) || caller.Has(Roles.Supervisor);

    public static bool MayAccessCase(Caller caller, string office) =>
        MayUseHasa(caller) && string.Equals(caller.Office, office, StringComparison.OrdinalIgnoreCase);

    public static bool MayListDeadlines(Caller caller, string? office) =>
        caller.Has(Roles.Auditor) || office is not null && MayAccessCase(caller, office);
}
