namespace Serverless.Workflows.Clocks;

/// <summary>How a rule with several trigger events picks the one the clock runs from.</summary>
public enum TriggerCombination
{
    Single,
    /// <summary>"whichever is sooner": the first event to happen fixes the clock.</summary>
    Earliest,
    /// <summary>"whichever is later": runs from the last of the events; all must have happened.</summary>
    Latest,
    /// <summary>The first listed event that has happened (e.g. return receipt, else mailing + 5 days).</summary>
    FirstAvailable,
}
