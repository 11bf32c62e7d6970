namespace Serverless.Durable.Client;

/// <summary>The runtime status of an orchestration instance, as the management API reports it.</summary>
public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Canceled,
    Terminated,
    Pending,
    Suspended,
}
