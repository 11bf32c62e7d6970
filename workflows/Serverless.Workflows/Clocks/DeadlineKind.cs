namespace Serverless.Workflows.Clocks;

public enum DeadlineKind
{
    /// <summary>A duty that must be done by the due time.</summary>
    Due,
    /// <summary>A minimum period: the act is refused before the period ends (e.g. the 90-day locate search).</summary>
    NotBefore,
}
