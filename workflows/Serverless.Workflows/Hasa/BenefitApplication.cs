using NodaTime;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// One benefit application of a case (one per benefit). <see cref="CompletedOn"/> is the date of the first receipt
/// that said complete (§21-128(a)(2)(a)); milestones after it come from the case log.
/// </summary>
public sealed record BenefitApplication
{
    public required string CaseId { get; init; }
    public required string ApplicationId { get; init; }
    public required string Benefit { get; init; }
    public required LocalDate RequestedOn { get; init; }
    public required string Channel { get; init; }
    public IReadOnlyList<string> RequiredItems { get; init; } = [];
    public IReadOnlyList<string> ItemsReceived { get; init; } = [];
    public LocalDate? CompletedOn { get; init; }
    public bool HasLegallyMandatedTimeFrame { get; init; }

    public IReadOnlyList<string> MissingItems => [.. RequiredItems.Except(ItemsReceived, StringComparer.OrdinalIgnoreCase)];
}

/// <summary>What the log says happened to an application after it was complete: approval and provision are separate milestones.</summary>
public sealed record BenefitMilestones(LocalDate? ApprovedOn, LocalDate? ProvidedOn, LocalDate? DeniedOn, LocalDate? WithdrawnOn)
{
    public static BenefitMilestones From(HasaCaseState state, string applicationId)
    {
        LocalDate? On(HasaEventType type) => state.Events.FirstOrDefault(e => e.Type == type && e.ApplicationId == applicationId)?.OccurredOn;
        return new(On(HasaEventType.BenefitApproved), On(HasaEventType.BenefitProvided), On(HasaEventType.BenefitDenied), On(HasaEventType.ApplicationWithdrawn));
    }

    public LocalDate? EndedOn => ProvidedOn ?? DeniedOn ?? WithdrawnOn;
}
