using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// A housing facility for the §21-128(l) tracker. "Medically appropriate" ((a)(7)) needs individual refrigerated
/// food and medicine storage and a bathroom with an effective lock; accessibility matters when the client needs it.
/// </summary>
public sealed record Facility(string FacilityId, string Name, FacilityKind Kind, bool RefrigeratedStorage, bool LockingBathroom, bool Accessible)
{
    public bool MedicallyAppropriate => RefrigeratedStorage && LockingBathroom;
}

public enum FacilityKind
{
    Emergency,
    ScatterSiteI,
    ScatterSiteII,
    Congregate,
}

/// <summary>An open unit; open while <see cref="ClosedOn"/> is null.</summary>
public sealed record Vacancy(string FacilityId, string VacancyId, LocalDate OpenedOn, LocalDate? ClosedOn);

/// <summary>A condition found at a facility (non-referral status, discontinuance of use, inspection finding) and when it was remedied.</summary>
public sealed record FacilityCondition(string FacilityId, string ConditionId, string Kind, LocalDate FoundOn, string Description, LocalDate? RemediedOn)
{
    public const string NonReferral = "non-referral";
    public const string Discontinuance = "discontinuance";

    public bool BlocksReferral(LocalDate on) => Kind is NonReferral or Discontinuance && FoundOn <= on && (RemediedOn is null || RemediedOn > on);
}

/// <summary>A referral to a registered facility and what became of it (§21-128(l)(iii)).</summary>
public sealed record FacilityReferral(string FacilityId, string CaseId, int ReferralNumber, LocalDate MadeOn, string Outcome, LocalDate? OutcomeOn);
