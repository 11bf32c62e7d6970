namespace Serverless.Workflows.Clocks;

public enum RollPolicy
{
    None,
    /// <summary>GCL §25-a: a period ending on a Saturday, Sunday or ny-statutory holiday runs to the next business day.</summary>
    Forward,
    /// <summary>Legal due kept; operational target = last nyc-agency open day on or before it.</summary>
    TargetBackward,
}
