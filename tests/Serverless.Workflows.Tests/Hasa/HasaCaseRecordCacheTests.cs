using NodaTime.Testing;
using Serverless.Storage;
using Serverless.Testing;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Hasa;
using static Serverless.Workflows.Tests.Dates;

namespace Serverless.Workflows.Tests.Hasa;

/// <summary>Case records are cached per process and trusted only while the case row's ETag is unchanged.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HasaCaseRecordCacheTests(AzuriteFixture azurite)
{
    private static readonly Caller Staff = new("ana", [Roles.HasaStaff], "Jerome");

    [Fact]
    public async Task An_unchanged_case_is_served_from_the_cache_and_a_write_by_another_process_is_seen_at_once()
    {
        var clock = new FakeClock(I("2026-04-20T10:00:00-04:00"));
        var prefix = UniqueNames.Table("rc");
        var counted = new StorageClients(azurite.Clients.Connection);
        var first = new HasaServices(counted, clock, tablePrefix: prefix);
        var second = new HasaServices(azurite.Clients, clock, tablePrefix: prefix); // another handler instance, its own cache
        await first.EnsureCreatedAsync();
        await first.Service.CreateAsync(new NewHasaCase("C-1", "P-1", "Jerome", HouseholdKind.Individual, D("2026-04-01"), true, null), Staff, null, "intake", clock.GetCurrentInstant());
        var stored = (await first.Store.GetAsync("C-1"))!;
        var before = await first.Store.RecordsAsync(stored);

        counted.Counter.Reset();
        var again = await first.Store.RecordsAsync(stored);
        Assert.Same(before, again);
        Assert.Equal(0, counted.Counter.Count);

        await second.Service.RecordAsync("C-1", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-04-02")), Staff, null, "cm", clock.GetCurrentInstant());
        var changed = (await first.Store.GetAsync("C-1"))!;
        var after = await first.Store.RecordsAsync(changed);

        Assert.NotEqual(stored.ETag, changed.ETag);
        Assert.Equal([HasaEventType.EligibilityDetermined, HasaEventType.EmergencyPlacement], after.Events.Select(e => e.Type));
        Assert.Single(after.Placements);
        Assert.Equal(changed.ETag, after.ETag);
    }

    [Fact]
    public void A_full_cache_forgets_some_cases_instead_of_growing()
    {
        var cache = new HasaCaseRecordCache(capacity: 50);
        for (var i = 0; i < 500; i++)
        {
            cache.Put($"C-{i}", new HasaCaseRecords($"e{i}", [], [], [], [], [], []));
        }

        Assert.InRange(cache.Count, 1, 50);
        Assert.True(cache.TryGet("C-499", "e499", out _));
        Assert.False(cache.TryGet("C-499", "other-etag", out _));
    }
}
