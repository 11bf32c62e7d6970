using NodaTime;
using Serverless.Workflows.Cases;

namespace Serverless.Workflows.Hasa;

/// <summary>Eligibility determined: the form that opens a HASA case.</summary>
public sealed record NewHasaCase(
    string CaseId, string ClientId, string Office, HouseholdKind Household, LocalDate EligibilityDeterminedOn, bool Homeless, ClientIdentity? Identity);

/// <summary>An event as a form submits it; the log adds the sequence, recorded time and who.</summary>
public sealed record HasaEventDraft(
    HasaEventType Type, LocalDate OccurredOn, string? OptionId = null, IReadOnlyList<string>? NeedsConsidered = null, string? Ground = null,
    string? Reason = null, string? TrackingNumber = null, string? ApplicationId = null, string? FacilityId = null);

/// <summary>An application for one or more benefits, or documents for open applications (§21-128(c)(1)).</summary>
public sealed record HasaSubmission(
    LocalDate ReceivedOn, string Channel, IReadOnlyList<string> ItemsReceived, IReadOnlyList<BenefitRequest> Benefits, IReadOnlyList<string>? ApplicationIds = null);

public sealed record BenefitRequest(string Benefit, IReadOnlyList<string>? RequiredItems);

/// <summary>What the case's workflows know at a moment: the folded state, every deadline, and each workflow's step.</summary>
public sealed record HasaSnapshot(
    HasaCaseState State, IReadOnlyList<BenefitApplication> Applications, IReadOnlyList<PlannedDeadline> Plans,
    ScopeStatus Housing, ScopeStatus Termination, IReadOnlyDictionary<string, ScopeStatus> ApplicationSteps);

/// <summary>A case as GET returns it.</summary>
public sealed record HasaCaseView(
    HasaCase Case, IReadOnlyList<HasaEvent> Timeline, IReadOnlyList<Ledger.DeadlineRecord> Deadlines, IReadOnlyList<BenefitApplication> Applications,
    IReadOnlyList<HasaReceipt> Receipts, IReadOnlyList<ReferralRecord> Referrals, IReadOnlyList<EmergencyPlacementRecord> Placements,
    IReadOnlyList<NoticeRecord> Notices, ScopeStatus Housing, ScopeStatus Termination);
