namespace Serverless.Workflows;

/// <summary>Marker for the domain assembly.</summary>
public static class WorkflowsAssembly
{
    public const string Name = "Serverless.Workflows";
}
