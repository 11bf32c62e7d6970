using NodaTime;
using Serverless.Durable.Testing;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Catalog;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Hasa;
using Serverless.Workflows.Hasa.Workflows;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>
/// A case whose log lives in memory: events are written with the virtual time they arrive, and the same time
/// raises <see cref="HasaSignals.CaseChanged"/> on the orchestration, so the run sees each entry exactly when a form would have sent it.
/// </summary>
internal sealed class InMemoryHasaCase : IHasaCaseRefresher
{
    public static readonly HasaDeadlinePlanner Planner = new(RuleBook.Embedded, new DeadlineCalculator(CalendarCatalog.Default));
    public static readonly HasaEventRules Rules = new(new TerminationGuard(RuleBook.Embedded, new DeadlineCalculator(CalendarCatalog.Default)));

    private readonly List<HasaEvent> _log = [];
    private readonly List<(string InstanceId, DateTime At)> _signals = [];

    public InMemoryHasaCase(string eligibleOn, bool homeless = true, string caseId = "C-1", string office = "Jerome")
    {
        Case = new HasaCase
        {
            CaseId = caseId, ClientId = "P-1", Office = office, Household = HouseholdKind.Individual,
            EligibilityDeterminedOn = D(eligibleOn), Homeless = homeless, CreatedAt = At(eligibleOn), CreatedBy = "test",
        };
        _log.Add(new HasaEvent { CaseId = caseId, Type = HasaEventType.EligibilityDetermined, OccurredOn = D(eligibleOn), RecordedAt = At(eligibleOn), RecordedBy = "test", Sequence = 1 });
    }

    public HasaCase Case { get; }

    public List<BenefitApplication> Applications { get; } = [];

    public IReadOnlyList<PlannedDeadline> LastPlans { get; private set; } = [];

    /// <summary>Records an event that happened on <paramref name="on"/> and reached us on <paramref name="recordedOn"/> (default: the same day).</summary>
    public InMemoryHasaCase Record(HasaEventType type, string on, string? recordedOn = null, string? option = null, string? ground = null,
        string? applicationId = null, params string[] instances)
    {
        var recorded = At(recordedOn ?? on);
        var e = new HasaEvent
        {
            CaseId = Case.CaseId, Type = type, OccurredOn = D(on), RecordedAt = recorded, RecordedBy = "test", Sequence = _log.Count + 1,
            OptionId = option, NeedsConsidered = option is null ? [] : HasaNeed.All, Ground = ground, ApplicationId = applicationId,
        };
        var conflict = Rules.Conflict(State(recorded), e);
        Assert.True(conflict is null, $"{type} on {on} was refused: {conflict}");
        _log.Add(e);
        foreach (var instance in instances.DefaultIfEmpty(Case.CaseId))
        {
            _signals.Add((instance, recorded.ToDateTimeUtc()));
        }
        return this;
    }

    public string? Refusal(HasaEventType type, string on, string? option = null, string? ground = null)
    {
        var e = new HasaEvent
        {
            CaseId = Case.CaseId, Type = type, OccurredOn = D(on), RecordedAt = At(on), RecordedBy = "test", Sequence = _log.Count + 1,
            OptionId = option, NeedsConsidered = HasaNeed.All, Ground = ground,
        };
        return Rules.Conflict(State(At(on)), e);
    }

    public HasaCaseState State(Instant knownAt) => HasaCaseState.Fold(Case, _log, knownAt);

    public IReadOnlyList<PlannedDeadline> PlanAt(string isoDateTime) => Planner.Plan(State(I(isoDateTime)), Applications, I(isoDateTime));

    public Task<HasaSnapshot?> RefreshAsync(string caseId, Instant asOf, string by, CancellationToken ct = default)
    {
        if (caseId != Case.CaseId)
        {
            return Task.FromResult<HasaSnapshot?>(null);
        }
        var state = State(asOf);
        LastPlans = Planner.Plan(state, Applications, asOf);
        return Task.FromResult<HasaSnapshot?>(HasaCaseService.Snapshot(state, Applications, LastPlans, asOf));
    }

    /// <summary>Vacancies the in-memory tracker knows: facility and the day the unit opened.</summary>
    public List<(string FacilityId, string OpenedOn)> Vacancies { get; } = [];

    public Task<bool> RecheckAvailabilityAsync(string caseId, Instant asOf, CancellationToken ct = default)
    {
        var state = State(asOf);
        var today = NewYorkTime.DateOf(asOf);
        if (state.OpenNoOptionPeriod is not { } finding
            || Vacancies.FirstOrDefault(v => D(v.OpenedOn) > finding.From && D(v.OpenedOn) <= today) is not { FacilityId: not null } vacancy)
        {
            return Task.FromResult(false);
        }
        _log.Add(new HasaEvent
        {
            CaseId = Case.CaseId, Type = HasaEventType.OptionAvailable, OccurredOn = today, RecordedAt = asOf,
            RecordedBy = HasaCaseService.AvailabilityCheck, FacilityId = vacancy.FacilityId, Sequence = _log.Count + 1,
        });
        return Task.FromResult(true);
    }

    /// <summary>A runner starting at the eligibility day with every recorded signal scheduled.</summary>
    public InMemoryOrchestrationRunner Runner()
    {
        var runner = new InMemoryOrchestrationRunner(WorkflowCatalog.CreateRegistry(() => this), At(Case.EligibilityDeterminedOn.ToString("yyyy-MM-dd", null)).ToDateTimeUtc());
        foreach (var (instance, at) in _signals)
        {
            runner.RaiseEventAt(at, instance, HasaSignals.CaseChanged, new CaseChangedSignal(Case.CaseId, 0));
        }
        return runner;
    }

    public PlannedDeadline Deadline(string suffix) => LastPlans.Single(p => p.DeadlineId == $"{Case.CaseId}.{suffix}");

    /// <summary>Forms arrive at 10:00 New York time.</summary>
    public static Instant At(string date) => NewYorkTime.StartOfDay(D(date)) + Duration.FromHours(10);
}
