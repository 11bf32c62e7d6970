using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>A stay in emergency housing (E-4); length of stay runs to <see cref="EndedOn"/> or today.</summary>
public sealed record EmergencyPlacementRecord(string CaseId, long Sequence, LocalDate StartedOn, string? FacilityId, bool Initial, LocalDate? EndedOn);

/// <summary>A referral for the §21-128(l)(iii) tracker: option, needs considered, outcome (pending until occupancy or a later referral).</summary>
public sealed record ReferralRecord(string CaseId, int Number, LocalDate MadeOn, string OptionId, IReadOnlyList<string> NeedsConsidered, string Outcome);

/// <summary>A notice given to the client (N-1 receipt, N-3 housing packet, N-5 certified contact notice).</summary>
public sealed record NoticeRecord(string CaseId, long Sequence, string Kind, LocalDate On, string? TrackingNumber);
