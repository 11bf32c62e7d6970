using Serverless.Durable.Hosting;

namespace Serverless.Workflows.Catalog;

/// <summary>
/// Every orchestrator and activity the app registers with the handler, by function name. Each one also has a
/// <c>functions/{Name}/function.json</c> (a test checks they cannot drift apart).
/// </summary>
public static class WorkflowCatalog
{
    public static DurableFunctionRegistry CreateRegistry() => new();
}
