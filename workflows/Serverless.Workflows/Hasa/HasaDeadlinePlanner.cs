using NodaTime;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// Every deadline of a HASA case as its log says it should stand at <c>asOf</c> (W-1, W-3, W-4): pure, so the
/// HTTP path, the orchestrations' activities and the tests agree. Events count on business time; a back-dated entry
/// changes the triggers, and the ledger sync records that as a correction.
/// </summary>
public sealed class HasaDeadlinePlanner(RuleBook rules, DeadlineCalculator calculator)
{
    public IReadOnlyList<PlannedDeadline> Plan(HasaCaseState state, IReadOnlyList<BenefitApplication> applications, Instant asOf)
    {
        var c = state.Case;
        var plans = new List<PlannedDeadline>();
        var ended = state.HousingCycleEndedOn;
        var d0 = Events(("EligibilityDetermined", c.EligibilityDeterminedOn));

        if (c.Homeless)
        {
            var (on, why) = First((state.PacketProvidedOn, "housing packet provided"), (state.ClientDeclinedOn, "client declined"));
            plans.Add(Make(c.CaseId + ".housing-packet", HasaScopes.Housing, HasaRuleIds.HousingPacket, d0, [], asOf, on, why, null));
        }

        var (assistedOn, assistedWhy) = First((state.ApplicationCompletedOn, "housing application completed"), (state.AssistanceDeclinedOn, "assistance declined"));
        plans.Add(Make(c.CaseId + ".application-assistance", HasaScopes.Housing, HasaRuleIds.ApplicationAssistance, d0, [], asOf, assistedOn, assistedWhy, ended));

        if (state.FirstPlacementOn is not null || state.DocumentationCompletedOn is not null)
        {
            var triggers = new Dictionary<string, Instant>();
            if (state.FirstPlacementOn is { } e1) triggers["EmergencyPlacementStarted"] = Start(e1);
            if (state.DocumentationCompletedOn is { } e2) triggers["PhysicalDocumentationCompleted"] = Start(e2);
            var first = state.Referrals.FirstOrDefault();
            var anchor = Min(state.FirstPlacementOn, state.DocumentationCompletedOn);
            var plan = Make(c.CaseId + ".first-referral", HasaScopes.Housing, HasaRuleIds.FirstReferral, triggers,
                Tolling(state, HasaRuleIds.FirstReferral, anchor), asOf, first?.MadeOn, first is null ? null : "referral 1 made", ended);
            if (state.NonEmergencyEligibleOn is { } eligible && eligible > plan.Computed.LegalDueDate && Start(eligible) <= asOf)
            {
                // statutes.md §3: the due stays anchored to E1/E2; eligibility found after it makes the duty late at activation
                plan = plan with { Note = $"late at activation: non-emergency housing eligibility determined on {eligible:yyyy-MM-dd}, after the due" };
            }
            plans.Add(plan);
        }

        foreach (var referral in state.Referrals)
        {
            var next = state.Referrals.FirstOrDefault(r => r.Number == referral.Number + 1);
            plans.Add(Make($"{c.CaseId}.repeat-referral.{referral.Number}", HasaScopes.Housing, HasaRuleIds.RepeatReferral,
                Events(("ReferralMade", referral.MadeOn)), Tolling(state, HasaRuleIds.RepeatReferral, referral.MadeOn), asOf,
                next?.MadeOn, next is null ? null : $"referral {next.Number} made", ended));
        }

        if (state.SearchOpenedOn is { } opened)
        {
            var closedBy = state.ContactMadeOn ?? state.DeceasedOn;
            var stamp = opened.ToString("yyyyMMdd", null);
            plans.Add(Make($"{c.CaseId}.locate-search.{stamp}", HasaScopes.Termination, HasaRuleIds.LocateSearchMinimum,
                Events(("LocateSearchOpened", opened)), [], asOf, null, null, closedBy));
            if (state.CertifiedMailOn is { } mailed)
            {
                var triggers = Events(("CertifiedNoticeMailed", mailed));
                if (state.ReturnReceiptOn is { } signed) triggers["ReturnReceiptSigned"] = Start(signed);
                plans.Add(Make($"{c.CaseId}.locate-contact.{stamp}", HasaScopes.Termination, HasaRuleIds.LocateContactWindow,
                    triggers, [], asOf, null, null, closedBy));
            }
        }

        foreach (var application in applications.Where(a => a.CompletedOn is not null && !a.HasLegallyMandatedTimeFrame))
        {
            var milestones = BenefitMilestones.From(state, application.ApplicationId);
            var mootOn = milestones.DeniedOn ?? milestones.WithdrawnOn ?? state.DeceasedOn ?? state.TerminatedOn;
            plans.Add(Make($"{c.CaseId}.benefit.{application.ApplicationId}", HasaScopes.Application(application.ApplicationId),
                HasaRuleIds.BenefitProvision, Events(("ApplicationCompleted", application.CompletedOn!.Value)), [], asOf,
                milestones.ProvidedOn, milestones.ProvidedOn is null ? null : "benefit provided", mootOn));
        }
        return plans;
    }

    private PlannedDeadline Make(
        string id, string scope, string ruleId, Dictionary<string, Instant> events, IReadOnlyList<TollingPeriod> tolling,
        Instant asOf, LocalDate? metOn, string? metReason, LocalDate? mootOn)
    {
        var rule = rules.Get(ruleId);
        var computed = calculator.Compute(rule, events);
        var periods = tolling.Where(p => p.PausedAt <= asOf).Select(p => p.ResumedAt > asOf ? p with { ResumedAt = null } : p).ToList();
        computed = Tolled(computed, periods, asOf);
        var metKnown = metOn is { } m && Start(m) <= asOf ? metOn : null;
        var mootKnown = mootOn is { } x && Start(x) <= asOf ? mootOn : null;
        if (metKnown is { } met && (mootKnown is null || met <= mootKnown))
        {
            return new(id, scope, computed, DeadlineStatus.Met, met, metReason, Start(met) > computed.LegalDueAt);
        }
        if (mootKnown is { } moot)
        {
            return new(id, scope, computed, DeadlineStatus.Moot, moot, "duty ended: " + MootReason(scope), false);
        }
        if (rule.Kind == DeadlineKind.NotBefore)
        {
            return asOf > computed.LegalDueAt
                ? new(id, scope, computed, DeadlineStatus.Met, NewYorkTime.DateOf(computed.LegalDueAt), "minimum period has run", false)
                : new(id, scope, computed, DeadlineStatus.Open, null, null, false);
        }
        var status = computed.StillTolled ? DeadlineStatus.Tolled : asOf > computed.LegalDueAt ? DeadlineStatus.Missed : DeadlineStatus.Open;
        return new(id, scope, computed, status, null, null, false);
    }

    /// <summary>
    /// Closed pauses move the due; an open pause holds it where it stands (as the ledger's own toll does) until the
    /// clock resumes, so the due does not creep every day. A pause that starts after the due does not revive the clock.
    /// </summary>
    private ComputedDeadline Tolled(ComputedDeadline computed, List<TollingPeriod> periods, Instant asOf)
    {
        if (periods.Count == 0)
        {
            return computed;
        }
        var closed = periods.Where(p => p.ResumedAt is not null).ToList();
        var dated = closed.Count > 0 ? calculator.ApplyTolling(computed, closed, asOf) : computed;
        var open = periods.FirstOrDefault(p => p.ResumedAt is null);
        return dated with { Tolling = periods, StillTolled = open is not null && open.PausedAt <= dated.LegalDueAt };
    }

    private static string MootReason(string scope) => scope switch
    {
        HasaScopes.Housing => "the referral cycle ended (occupancy, death or termination)",
        HasaScopes.Termination => "the search closed (contact made or death)",
        _ => "the application ended (denied, withdrawn, death or termination)",
    };

    /// <summary>"No option available" pauses that fall inside this clock's window (clipped at its anchor day).</summary>
    private List<TollingPeriod> Tolling(HasaCaseState state, string ruleId, LocalDate anchor)
    {
        var reason = rules.Get(ruleId).Tolling.First(t => t.Code == HasaRuleIds.NoOptionAvailable);
        return [.. state.NoOptionPeriods
            .Where(p => p.To is null || p.To > anchor)
            .Select(p => new TollingPeriod(Start(p.From < anchor ? anchor : p.From), p.To is { } to ? Start(to) : null, reason.Code, reason.LegalBasis))];
    }

    internal static Instant Start(LocalDate date) => NewYorkTime.StartOfDay(date);

    private static Dictionary<string, Instant> Events(params (string Name, LocalDate On)[] events) =>
        events.ToDictionary(e => e.Name, e => Start(e.On));

    private static (LocalDate? On, string? Why) First(params (LocalDate? On, string Why)[] candidates) =>
        candidates.Where(c => c.On is not null).OrderBy(c => c.On).Select(c => ((LocalDate?)c.On, (string?)c.Why)).FirstOrDefault();

    private static LocalDate Min(LocalDate? a, LocalDate? b) => a is null ? b!.Value : b is null ? a.Value : LocalDate.Min(a.Value, b.Value);
}
