namespace Serverless.Workflows.Hasa;

/// <summary>The only grounds §21-128(f) allows for terminating a recipient's eligibility.</summary>
public static class TerminationGround
{
    public const string Ineligible = "ineligible";
    public const string Deceased = "deceased";
    public const string CannotBeLocated = "cannot-be-located";

    public static IReadOnlyList<string> All { get; } = [Ineligible, Deceased, CannotBeLocated];
}
