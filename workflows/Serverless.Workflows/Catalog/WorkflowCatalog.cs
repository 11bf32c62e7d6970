using Serverless.Durable.Hosting;
using Serverless.Workflows.Hasa.Workflows;

namespace Serverless.Workflows.Catalog;

/// <summary>
/// Every orchestrator and activity the app registers with the handler, by function name. Each one also has a
/// <c>functions/{Name}/function.json</c> (a test checks they cannot drift apart).
/// </summary>
public static class WorkflowCatalog
{
    /// <summary>The names only (function.json generation and drift checks); activities that need services fail if run.</summary>
    public static DurableFunctionRegistry CreateRegistry() =>
        CreateRegistry(() => throw new InvalidOperationException("the HASA case service is not configured in this registry"));

    public static DurableFunctionRegistry CreateRegistry(Func<IHasaCaseRefresher> hasaCases) => new DurableFunctionRegistry()
        .AddOrchestrator<HasaHousingReferral>()
        .AddOrchestrator<HasaBenefitApplication>()
        .AddOrchestrator<HasaTerminationGuard>()
        .AddActivity(RefreshHasaCase.Name, () => new RefreshHasaCase(hasaCases));
}
