using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// A case folded from its log in business-time order (ties by the order recorded), so a back-dated entry lands
/// where it happened. Only entries recorded by <c>knownAt</c> count: the state "as we knew it then".
/// </summary>
public sealed class HasaCaseState
{
    private readonly List<HasaReferral> _referrals = [];
    private readonly List<NoOptionPeriod> _noOption = [];

    private HasaCaseState(HasaCase @case) => Case = @case;

    public HasaCase Case { get; }
    public IReadOnlyList<HasaEvent> Events { get; private set; } = [];
    public LocalDate? PacketProvidedOn { get; private set; }
    public LocalDate? ClientDeclinedOn { get; private set; }
    public LocalDate? ApplicationCompletedOn { get; private set; }
    public LocalDate? AssistanceDeclinedOn { get; private set; }
    public LocalDate? FirstPlacementOn { get; private set; }
    public LocalDate? DocumentationCompletedOn { get; private set; }
    public LocalDate? NonEmergencyEligibleOn { get; private set; }
    public IReadOnlyList<HasaReferral> Referrals => _referrals;
    public IReadOnlyList<NoOptionPeriod> NoOptionPeriods => _noOption;
    public LocalDate? OccupancyOn { get; private set; }
    public LocalDate? DeceasedOn { get; private set; }
    public LocalDate? TerminatedOn { get; private set; }
    public string? TerminationGround { get; private set; }
    public LocalDate? SearchOpenedOn { get; private set; }
    public LocalDate? CertifiedMailOn { get; private set; }
    public LocalDate? ReturnReceiptOn { get; private set; }
    public LocalDate? ContactMadeOn { get; private set; }
    public LocalDate? CertifiedOn { get; private set; }

    public bool Closed => DeceasedOn is not null || TerminatedOn is not null;

    /// <summary>The referral cycle ends on occupancy of non-emergency housing, death or termination (W-1 step 7).</summary>
    public LocalDate? HousingCycleEndedOn => Earliest(OccupancyOn, DeceasedOn, TerminatedOn);

    public bool SearchOpen => SearchOpenedOn is not null && ContactMadeOn is null && !Closed;

    public NoOptionPeriod? OpenNoOptionPeriod => _noOption.LastOrDefault(p => p.To is null);

    public static HasaCaseState Fold(HasaCase @case, IEnumerable<HasaEvent> log, Instant? knownAt = null)
    {
        var state = new HasaCaseState(@case);
        var ordered = log.Where(e => knownAt is null || e.RecordedAt <= knownAt)
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Sequence).ToList();
        foreach (var e in ordered)
        {
            state.Apply(e);
        }
        state.Events = ordered;
        return state;
    }

    private void Apply(HasaEvent e)
    {
        var on = e.OccurredOn;
        switch (e.Type)
        {
            case HasaEventType.HousingPacketProvided: PacketProvidedOn ??= on; break;
            case HasaEventType.ClientDeclined: ClientDeclinedOn ??= on; break;
            case HasaEventType.HousingApplicationCompleted: ApplicationCompletedOn ??= on; break;
            case HasaEventType.AssistanceDeclined: AssistanceDeclinedOn ??= on; break;
            case HasaEventType.EmergencyPlacement: FirstPlacementOn ??= on; break;
            case HasaEventType.DocumentationCompleted: DocumentationCompletedOn ??= on; break;
            case HasaEventType.NonEmergencyHousingEligibility: NonEmergencyEligibleOn ??= on; break;
            case HasaEventType.NoOptionAvailable:
                if (OpenNoOptionPeriod is null)
                {
                    _noOption.Add(new NoOptionPeriod(on, null, e.Reason));
                }
                break;
            case HasaEventType.OptionAvailable: CloseNoOption(on); break;
            case HasaEventType.ReferralMade:
                CloseNoOption(on);
                _referrals.Add(new HasaReferral(_referrals.Count + 1, on, e.OptionId ?? "", e.NeedsConsidered, e.Sequence));
                break;
            case HasaEventType.NonEmergencyOccupancy: OccupancyOn ??= on; CloseNoOption(on); break;
            case HasaEventType.ContactLost:
                SearchOpenedOn = on;
                (CertifiedMailOn, ReturnReceiptOn, ContactMadeOn, CertifiedOn) = (null, null, null, null);
                break;
            case HasaEventType.CertifiedMailSent: CertifiedMailOn ??= on; break;
            case HasaEventType.ReturnReceipt: ReturnReceiptOn ??= on; break;
            case HasaEventType.ContactMade: if (SearchOpenedOn is not null) { ContactMadeOn ??= on; } break;
            case HasaEventType.CommissionerCertification: CertifiedOn ??= on; break;
            case HasaEventType.Deceased: DeceasedOn ??= on; CloseNoOption(on); break;
            case HasaEventType.TerminationRequested:
                TerminatedOn ??= on;
                TerminationGround ??= e.Ground;
                CloseNoOption(on);
                break;
        }
    }

    private void CloseNoOption(LocalDate on)
    {
        if (OpenNoOptionPeriod is { } open)
        {
            _noOption[^1] = open with { To = on };
        }
    }

    private static LocalDate? Earliest(params LocalDate?[] dates) =>
        dates.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty().Min() is var min && dates.Any(d => d is not null) ? min : null;
}
