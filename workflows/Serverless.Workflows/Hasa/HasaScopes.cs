namespace Serverless.Workflows.Hasa;

/// <summary>Which workflow watches a deadline, and the deterministic ids of deadlines and instances.</summary>
public static class HasaScopes
{
    public const string Housing = "housing";
    public const string Termination = "termination";

    public static string Application(string applicationId) => "application:" + applicationId;

    public static string TerminationInstance(string caseId) => caseId + ".termination";

    public static string ApplicationInstance(string caseId, string applicationId) => caseId + ".application." + applicationId;
}
