using Serverless.Durable.Testing;
using Serverless.Workflows.Catalog;
using Serverless.Workflows.Hasa.Workflows;
using static Serverless.Workflows.Hasa.HasaEventType;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>The histories the HASA orchestrations write replay against the current code without a mismatch.</summary>
public sealed class HasaReplayTests
{
    [Fact]
    public async Task A_completed_housing_cycle_replays_deterministically()
    {
        var @case = new InMemoryHasaCase("2026-03-02")
            .Record(HousingPacketProvided, "2026-03-02")
            .Record(EmergencyPlacement, "2026-03-03")
            .Record(NoOptionAvailable, "2026-03-20")
            .Record(OptionAvailable, "2026-04-02")
            .Record(NonEmergencyOccupancy, "2026-04-25");
        var run = await @case.Runner().RunAsync(nameof(HasaHousingReferral), new HousingReferralInput("C-1"), "C-1");

        var outcome = ReplayVerifier.Replay(WorkflowCatalog.CreateRegistry(() => @case), new StoredHistory("C-1", run.History));

        Assert.True(outcome.IsDeterministic, outcome.Problem);
        Assert.Equal(1, run.Generations);
    }
}
