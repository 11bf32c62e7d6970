using Serverless.Durable.Orchestration;

namespace Serverless.Workflows.Hasa.Workflows;

public sealed record BenefitApplicationInput(string CaseId, string ApplicationId);

/// <summary>
/// W-3, one instance per benefit application: waits for the receipt that says complete, then runs the
/// 20-business-day provision clock (§21-128(c)(3)) until provided, denied or withdrawn; approval is a separate milestone.
/// </summary>
public sealed class HasaBenefitApplication : TaskOrchestrator<BenefitApplicationInput, HasaWorkflowResult?>
{
    public override async Task<HasaWorkflowResult?> RunAsync(TaskOrchestrationContext context, BenefitApplicationInput input)
    {
        var (_, last) = await CaseWatch.RunAsync(context, input.CaseId, 0,
            s => s.Applications.TryGetValue(input.ApplicationId, out var step) ? step : WorkflowStep.Unknown, isHousing: false);
        return new HasaWorkflowResult(last.Step, 0);
    }
}
