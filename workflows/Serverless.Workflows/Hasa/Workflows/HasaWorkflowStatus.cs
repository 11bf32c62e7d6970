namespace Serverless.Workflows.Hasa.Workflows;

/// <summary>
/// What the refresh activity hands the orchestrators: each workflow's step, next legal due (yyyy-MM-dd) and rule,
/// and when to look again. Safe for custom status: no client facts.
/// </summary>
public sealed record WorkflowStep(string Step, string? NextDue, string? NextRule, DateTime? NextCheckAtUtc, bool Ended, int Referrals)
{
    public static WorkflowStep From(ScopeStatus s) => new(
        s.Step, s.NextDue?.ToString("yyyy-MM-dd", null), s.NextRule, s.NextCheckAt?.ToDateTimeUtc(), s.Ended, s.Referrals);

    public static WorkflowStep Unknown { get; } = new("case not found", null, null, null, true, 0);
}

public sealed record HasaWorkflowStatus(WorkflowStep Housing, WorkflowStep Termination, Dictionary<string, WorkflowStep> Applications);

/// <summary>The custom status every HASA orchestration shows.</summary>
public sealed record HasaCustomStatus(string Step, string? NextDue, string? NextRule, int Cycle);

/// <summary>What the refresh activity is asked: the case, the orchestration's time, and whether to re-test availability (W-1 only).</summary>
public sealed record RefreshRequest(string CaseId, DateTime AsOfUtc, bool RecheckAvailability = false);
