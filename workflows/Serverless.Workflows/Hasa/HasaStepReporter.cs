using NodaTime;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// Where each workflow of a case stands, in words safe for a custom status: steps and rule ids, never case facts
/// beyond dates. The next check is the instant after the earliest live due, when a miss (or a lapsed minimum) must be recorded.
/// </summary>
public static class HasaStepReporter
{
    public static ScopeStatus Housing(HasaCaseState state, IReadOnlyList<PlannedDeadline> plans, Instant asOf)
    {
        var mine = plans.Where(p => p.Scope == HasaScopes.Housing).ToList();
        string step;
        if (state.HousingCycleEndedOn is not null)
        {
            step = state.OccupancyOn is not null ? "ended: non-emergency occupancy" : "ended: case closed";
            return new(step, null, null, null, true, state.Referrals.Count);
        }
        if (state.OpenNoOptionPeriod is not null)
        {
            step = "referral clock tolled: no option available";
        }
        else if (state.Referrals.Count == 0)
        {
            step = state.FirstPlacementOn is null && state.DocumentationCompletedOn is null
                ? "awaiting emergency placement or documentation"
                : "first referral due";
        }
        else
        {
            step = $"referral {state.Referrals.Count + 1} due (another option)";
        }
        var status = WithNext(step, mine, false, state.Referrals.Count);
        if (state.OpenNoOptionPeriod is null)
        {
            return status;
        }
        // a "no option available" finding is re-tested against the vacancy tracker at least daily (T-04 ambiguity 5)
        var tomorrow = NewYorkTime.StartOfDay(NewYorkTime.DateOf(asOf).PlusDays(1));
        return status with { NextCheckAt = status.NextCheckAt is { } at && at < tomorrow ? at : tomorrow };
    }

    public static ScopeStatus Termination(HasaCaseState state, IReadOnlyList<PlannedDeadline> plans)
    {
        var mine = plans.Where(p => p.Scope == HasaScopes.Termination).ToList();
        if (state.TerminatedOn is not null || state.DeceasedOn is not null)
        {
            return new("ended: case closed", null, null, null, true, state.Referrals.Count);
        }
        if (state.SearchOpenedOn is null)
        {
            return new("no search open", null, null, null, false, state.Referrals.Count);
        }
        if (state.ContactMadeOn is not null)
        {
            return new("ended: contact made, search closed", null, null, null, true, state.Referrals.Count);
        }
        var step = state.CertifiedOn is not null ? "certified: termination permitted"
            : state.CertifiedMailOn is null ? "search open: certified notice to send"
            : mine.Any(p => p.Status == DeadlineStatus.Open) ? "search open: minimum period or contact window running"
            : "awaiting commissioner certification";
        return WithNext(step, mine, false, state.Referrals.Count);
    }

    public static ScopeStatus Application(HasaCaseState state, BenefitApplication application, IReadOnlyList<PlannedDeadline> plans)
    {
        var mine = plans.Where(p => p.Scope == HasaScopes.Application(application.ApplicationId)).ToList();
        var milestones = BenefitMilestones.From(state, application.ApplicationId);
        if (milestones.EndedOn is not null || state.Closed)
        {
            return new("ended", null, null, null, true, 0);
        }
        var step = application.CompletedOn is null ? "incomplete: awaiting documents"
            : application.HasLegallyMandatedTimeFrame ? "complete: external time frame applies"
            : milestones.ApprovedOn is null ? "complete: decision and provision due" : "approved: provision due";
        return WithNext(step, mine, false, 0);
    }

    private static ScopeStatus WithNext(string step, List<PlannedDeadline> mine, bool ended, int referrals)
    {
        var live = mine.Where(p => p.Status is DeadlineStatus.Open or DeadlineStatus.Missed).OrderBy(p => p.Computed.LegalDueAt).FirstOrDefault();
        var open = mine.Where(p => p.Status == DeadlineStatus.Open).OrderBy(p => p.Computed.LegalDueAt).FirstOrDefault();
        Instant? check = open is null ? null : open.Computed.LegalDueAt + Duration.FromSeconds(1);
        return new(step, live?.Computed.LegalDueDate, live?.RuleId, check, ended, referrals);
    }
}
