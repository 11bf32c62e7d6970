using NodaTime;
using Serverless.Durable.Activities;

namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>
/// Activity: re-plans the case from its log as of the orchestration's time and syncs the ledger (misses, pauses,
/// closures). The I/O and the calendar lookup happen here, so the orchestrators stay deterministic.
/// </summary>
public sealed class RefreshHasaCase(Func<IHasaCaseRefresher> refresher) : TaskActivity<RefreshRequest, HasaWorkflowStatus>
{
    public const string Name = nameof(RefreshHasaCase);

    public override async Task<HasaWorkflowStatus> RunAsync(TaskActivityContext context, RefreshRequest input)
    {
        var asOf = Instant.FromDateTimeUtc(DateTime.SpecifyKind(input.AsOfUtc, DateTimeKind.Utc));
        var cases = refresher();
        if (input.RecheckAvailability)
        {
            await cases.RecheckAvailabilityAsync(input.CaseId, asOf, context.CancellationToken);
        }
        var snapshot = await cases.RefreshAsync(input.CaseId, asOf, "workflow:" + context.Name.Name, context.CancellationToken);
        return snapshot is null
            ? new HasaWorkflowStatus(WorkflowStep.Unknown, WorkflowStep.Unknown, [])
            : new HasaWorkflowStatus(
                WorkflowStep.From(snapshot.Housing),
                WorkflowStep.From(snapshot.Termination),
                snapshot.ApplicationSteps.ToDictionary(kv => kv.Key, kv => WorkflowStep.From(kv.Value)));
    }
}
