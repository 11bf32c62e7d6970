using Serverless.Durable.Orchestration;

namespace Serverless.Workflows.Hasa.Workflows;

public sealed record HousingReferralInput(string CaseId, int Cycle = 0);

public sealed record HasaWorkflowResult(string Step, int Referrals);

/// <summary>
/// W-1, one instance per case (instance id = case id): packet, assistance, first referral, then one generation per
/// referral cycle (ContinueAsNew), so history stays small however many 45-day cycles a client goes through.
/// </summary>
public sealed class HasaHousingReferral : TaskOrchestrator<HousingReferralInput, HasaWorkflowResult?>
{
    public override async Task<HasaWorkflowResult?> RunAsync(TaskOrchestrationContext context, HousingReferralInput input)
    {
        var (why, last) = await CaseWatch.RunAsync(context, input.CaseId, input.Cycle, s => s.Housing, isHousing: true);
        if (why == CaseWatch.Wake.NextCycle)
        {
            context.ContinueAsNew(input with { Cycle = last.Referrals });
            return null;
        }
        return new HasaWorkflowResult(last.Step, last.Referrals);
    }
}
