using NodaTime;
using Serverless.Workflows.Clocks;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// §21-128(f): eligibility ends only for ineligibility, death, or a commissioner's certification that the recipient
/// cannot be located, which itself needs a search of at least 90 days and a lapsed 10-day contact window.
/// Answers the reason for a refusal, or null when the step is allowed.
/// </summary>
public sealed class TerminationGuard(RuleBook rules, DeadlineCalculator calculator)
{
    public string? RefuseCertification(HasaCaseState state, LocalDate on)
    {
        if (!state.SearchOpen)
        {
            return "no cannot-be-located search is open (record ContactLost first)";
        }
        var minimum = calculator.Compute(rules.Get(HasaRuleIds.LocateSearchMinimum),
            new Dictionary<string, Instant> { ["LocateSearchOpened"] = HasaDeadlinePlanner.Start(state.SearchOpenedOn!.Value) });
        if (on <= minimum.LegalDueDate)
        {
            return $"the search must run at least 90 days (§21-128(f)): certification is possible from {minimum.LegalDueDate.PlusDays(1):yyyy-MM-dd}";
        }
        if (state.CertifiedMailOn is not { } mailed)
        {
            return "no certified-mail notice requiring contact within ten days has been sent (§21-128(f))";
        }
        var events = new Dictionary<string, Instant> { ["CertifiedNoticeMailed"] = HasaDeadlinePlanner.Start(mailed) };
        if (state.ReturnReceiptOn is { } signed)
        {
            events["ReturnReceiptSigned"] = HasaDeadlinePlanner.Start(signed);
        }
        var window = calculator.Compute(rules.Get(HasaRuleIds.LocateContactWindow), events);
        return on <= window.LegalDueDate
            ? $"the recipient's 10-day contact window runs to {window.LegalDueDate:yyyy-MM-dd} (§21-128(f))"
            : null;
    }

    public string? RefuseTermination(HasaCaseState state, string? ground, LocalDate on) => ground switch
    {
        TerminationGround.Ineligible => null,
        TerminationGround.Deceased => state.DeceasedOn is null ? "termination for death needs a recorded Deceased event" : null,
        TerminationGround.CannotBeLocated when state.CertifiedOn is null =>
            RefuseCertification(state, on) is { } why
                ? "termination for cannot-be-located needs a commissioner certification, refused now: " + why
                : "termination for cannot-be-located needs a commissioner certification (§21-128(f))",
        TerminationGround.CannotBeLocated when state.ContactMadeOn is not null => "the recipient made contact; the search is closed",
        TerminationGround.CannotBeLocated => null,
        _ => $"termination is allowed only for {string.Join(", ", TerminationGround.All)} (§21-128(f))",
    };
}
