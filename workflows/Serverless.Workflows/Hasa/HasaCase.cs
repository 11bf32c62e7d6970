using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>A HASA case. Holds no name, date of birth or address: those live with the client's protected identity.</summary>
public sealed record HasaCase
{
    public required string CaseId { get; init; }
    public required string ClientId { get; init; }
    public required string Office { get; init; }
    public required HouseholdKind Household { get; init; }
    public required LocalDate EligibilityDeterminedOn { get; init; }
    public required bool Homeless { get; init; }
    public required Instant CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>§21-128(j)(2),(3) report individual and family cases separately; §21-127 ratios count family cases apart.</summary>
public enum HouseholdKind
{
    Individual,
    Family,
}
