using Serverless.Durable.Orchestration;

namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>
/// The loop every HASA orchestration runs: refresh the case, show the step, then sleep until the case changes or
/// the next due passes (when a miss must be recorded). The housing loop also ends its generation after each referral
/// and has the activity re-test "no option available" findings. Deterministic: time is the orchestration's, I/O is the activity's.
/// </summary>
internal static class CaseWatch
{
    public enum Wake
    {
        Ended,
        NextCycle,
    }

    public static async Task<(Wake Why, WorkflowStep Last)> RunAsync(
        TaskOrchestrationContext context, string caseId, int cycle, Func<HasaWorkflowStatus, WorkflowStep> pick, bool isHousing)
    {
        while (true)
        {
            var status = await context.CallActivityAsync<HasaWorkflowStatus>(RefreshHasaCase.Name, new RefreshRequest(caseId, context.CurrentUtcDateTime, RecheckAvailability: isHousing));
            var step = pick(status);
            context.SetCustomStatus(new HasaCustomStatus(step.Step, step.NextDue, step.NextRule, cycle));
            if (step.Ended)
            {
                return (Wake.Ended, step);
            }
            if (isHousing && step.Referrals > cycle)
            {
                return (Wake.NextCycle, step);
            }
            using var cancel = new CancellationTokenSource();
            var changed = context.WaitForExternalEvent<CaseChangedSignal>(HasaSignals.CaseChanged, cancel.Token);
            if (step.NextCheckAtUtc is { } at)
            {
                var timer = context.CreateTimer(DateTime.SpecifyKind(at, DateTimeKind.Utc), cancel.Token);
                await Task.WhenAny(changed, timer);
            }
            else
            {
                await changed;
            }
            cancel.Cancel();
        }
    }
}
