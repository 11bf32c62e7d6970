using Serverless.Durable.Orchestration;

namespace Serverless.Workflows.Hasa.Workflows;

public sealed record TerminationGuardInput(string CaseId);

/// <summary>
/// W-4, started when contact is lost or a termination is asked for: tracks the ≥90-day search and the 10-day contact
/// window until contact is made, the commissioner certifies, or the case closes. The refusal itself happens when the
/// form is submitted (<see cref="TerminationGuard"/>), so no termination is ever recorded that the law does not allow.
/// </summary>
public sealed class HasaTerminationGuard : TaskOrchestrator<TerminationGuardInput, HasaWorkflowResult?>
{
    public override async Task<HasaWorkflowResult?> RunAsync(TaskOrchestrationContext context, TerminationGuardInput input)
    {
        var (_, last) = await CaseWatch.RunAsync(context, input.CaseId, 0, s => s.Termination, isHousing: false);
        return new HasaWorkflowResult(last.Step, 0);
    }
}
