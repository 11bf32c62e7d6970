namespace Serverless.Durable.Orchestration;

/// <summary>The orchestrator code asked for a different action than the history recorded at the same position.</summary>
public sealed class NonDeterministicOrchestrationException(int eventId, string expected, string actual)
    : Exception(
        $"Non-deterministic orchestration: history event {eventId} expected {expected}, but the orchestrator code produced {actual}. " +
        "Orchestrator code changed while instances were in flight, or it depends on something other than its history.")
{
    public int EventId { get; } = eventId;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
