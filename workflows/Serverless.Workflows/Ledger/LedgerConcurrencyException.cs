namespace Serverless.Workflows.Ledger;

/// <summary>The row changed since it was read (ETag mismatch); reload and decide again.</summary>
public sealed class LedgerConcurrencyException(DeadlineKey key, Exception inner)
    : InvalidOperationException($"deadline {key.DeadlineId} in {key.Program}/{key.Office} was changed by someone else", inner)
{
    public DeadlineKey Key { get; } = key;
}
