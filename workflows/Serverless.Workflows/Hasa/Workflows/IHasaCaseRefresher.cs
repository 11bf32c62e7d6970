using NodaTime;

namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>Plans a case at a moment and brings its ledger in line (the case service; an in-memory one in tests).</summary>
public interface IHasaCaseRefresher
{
    Task<HasaSnapshot?> RefreshAsync(string caseId, Instant asOf, string by, CancellationToken ct = default);

    /// <summary>Ends an open "no option available" finding when the tracker shows a new matching vacancy; answers whether it did.</summary>
    Task<bool> RecheckAvailabilityAsync(string caseId, Instant asOf, CancellationToken ct = default);
}
