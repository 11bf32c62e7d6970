using NodaTime;

namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>Plans a case at a moment and brings its ledger in line (the case service; an in-memory one in tests).</summary>
public interface IHasaCaseRefresher
{
    Task<HasaSnapshot?> RefreshAsync(string caseId, Instant asOf, string by, CancellationToken ct = default);
}
