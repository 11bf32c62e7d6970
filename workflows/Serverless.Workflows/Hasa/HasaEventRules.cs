using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>Whether an event contradicts the case as it stands: the reason (a 409 for the form), or null.</summary>
public sealed class HasaEventRules(TerminationGuard guard)
{
    public string? Conflict(HasaCaseState state, HasaEvent e)
    {
        if (state.Closed && e.Type != HasaEventType.Deceased)
        {
            return "the case is closed";
        }
        var housingEnded = state.OccupancyOn is not null;
        return e.Type switch
        {
            HasaEventType.EligibilityDetermined => "eligibility is recorded when the case is created",
            HasaEventType.Deceased when state.DeceasedOn is not null => "death is already recorded",
            HasaEventType.ReferralMade or HasaEventType.NoOptionAvailable or HasaEventType.OptionAvailable when housingEnded =>
                $"the client took occupancy of non-emergency housing on {state.OccupancyOn:yyyy-MM-dd}; the referral cycle has ended",
            HasaEventType.NonEmergencyOccupancy when housingEnded => "occupancy is already recorded",
            HasaEventType.ReferralMade when state.Referrals.FirstOrDefault(r => string.Equals(r.OptionId, e.OptionId, StringComparison.OrdinalIgnoreCase)) is { } earlier =>
                $"a referral to another option is required (§21-128(c)(2)(d)); this option was referred on {earlier.MadeOn:yyyy-MM-dd}",
            HasaEventType.NoOptionAvailable when state.OpenNoOptionPeriod is { } open =>
                $"'no option available' is already recorded since {open.From:yyyy-MM-dd}",
            HasaEventType.OptionAvailable when state.OpenNoOptionPeriod is null => "no 'no option available' finding is open",
            HasaEventType.ContactLost when state.SearchOpen => $"a search is already open since {state.SearchOpenedOn:yyyy-MM-dd}",
            HasaEventType.CertifiedMailSent or HasaEventType.ContactMade when !state.SearchOpen => "no cannot-be-located search is open (record ContactLost first)",
            HasaEventType.ReturnReceipt when !state.SearchOpen || state.CertifiedMailOn is null => "no certified-mail notice is outstanding",
            HasaEventType.CommissionerCertification => guard.RefuseCertification(state, e.OccurredOn),
            HasaEventType.TerminationRequested => guard.RefuseTermination(state, e.Ground, e.OccurredOn),
            _ => null,
        };
    }

    /// <summary>A back-dated entry must not land before the case's own start, which would rewrite what happened first.</summary>
    public static string? TooEarly(HasaCase c, HasaEvent e) =>
        e.Type is HasaEventType.EmergencyPlacement or HasaEventType.DocumentationCompleted || e.OccurredOn >= c.EligibilityDeterminedOn
            ? null
            : $"the case's eligibility was determined on {c.EligibilityDeterminedOn:yyyy-MM-dd}";

    public static LocalDate Today(Instant now) => Clocks.NewYorkTime.DateOf(now);
}
