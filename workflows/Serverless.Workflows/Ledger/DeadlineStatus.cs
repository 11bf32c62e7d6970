namespace Serverless.Workflows.Ledger;

/// <summary>statutes.md §2 statuses. Open and Missed are live duties; Met, Waived and Moot are final.</summary>
public enum DeadlineStatus
{
    Open,
    Met,
    Missed,
    Tolled,
    Waived,
    Moot,
}
