using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Orchestration;

/// <summary>
/// Replays an orchestrator over its history and returns the new actions: one <see cref="OrchestratorRequest"/> in,
/// one <see cref="OrchestratorResponse"/> out. Never throws for orchestrator faults; they become a FAILED completion.
/// </summary>
public sealed class OrchestrationExecutor(DataConverter? converter = null, ILoggerFactory? loggerFactory = null)
{
    private readonly DataConverter _converter = converter ?? JsonDataConverter.Default;
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    public DataConverter Converter => _converter;

    public OrchestratorResponse Execute(OrchestratorRequest request, ITaskOrchestrator orchestrator)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(orchestrator);
        return new OrchestrationEpisode(request, orchestrator, _converter, _loggerFactory).Run();
    }

    /// <summary>The orchestrator name recorded in the request's ExecutionStarted event, or null when there is none.</summary>
    public static string? FindOrchestratorName(OrchestratorRequest request)
    {
        foreach (var historyEvent in request.PastEvents.Concat(request.NewEvents))
        {
            if (historyEvent.ExecutionStarted is { } started)
            {
                return started.Name;
            }
        }

        return null;
    }
}
