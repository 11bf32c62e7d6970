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
    public async Task A_process_that_writes_a_case_keeps_its_copy_current_without_reading_it_back()
    {
        var clock = new FakeClock(I("2026-04-20T10:00:00-04:00"));
        var prefix = UniqueNames.Table("rw");
        var counted = new StorageClients(azurite.Clients.Connection);
        var writer = new HasaServices(counted, clock, tablePrefix: prefix);
        var reader = new HasaServices(azurite.Clients, clock, tablePrefix: prefix); // cold cache: reads the table
        await writer.EnsureCreatedAsync();
        await writer.Service.CreateAsync(new NewHasaCase("C-2", "P-2", "Jerome", HouseholdKind.Individual, D("2026-04-01"), true, null), Staff, null, "intake", clock.GetCurrentInstant());
        await writer.Service.RecordAsync("C-2", new HasaEventDraft(HasaEventType.EmergencyPlacement, D("2026-04-02")), Staff, null, "cm", clock.GetCurrentInstant());
        await writer.Service.RecordAsync("C-2", new HasaEventDraft(HasaEventType.ReferralMade, D("2026-04-10"), OptionId: "opt-1", NeedsConsidered: ["medical", "educational", "familial", "social"]), Staff, null, "cm", clock.GetCurrentInstant());
        await writer.Service.SubmitAsync("C-2", new HasaSubmission(D("2026-04-10"), "oral", ["identity"], [new BenefitRequest("home-care", null)]), true, Staff, null, "intake", clock.GetCurrentInstant());
        var stored = (await writer.Store.GetAsync("C-2"))!;

        counted.Counter.Reset();
        var kept = await writer.Store.RecordsAsync(stored);
        Assert.Equal(0, counted.Counter.Count);

        var read = await reader.Store.RecordsAsync((await reader.Store.GetAsync("C-2"))!);
        Assert.Equal(read.ETag, kept.ETag);
        Assert.Equal(read.Rows.OrderBy(r => r.Key, StringComparer.Ordinal), kept.Rows.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(3, kept.Events.Count);
        Assert.Single(kept.Referrals);
        Assert.Single(kept.Placements);
        Assert.Single(kept.Receipts);
        Assert.Single(kept.Applications);
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
