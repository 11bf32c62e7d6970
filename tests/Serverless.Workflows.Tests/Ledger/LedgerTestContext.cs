using NodaTime;
using NodaTime.Testing;
using Serverless.Testing;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Tests.Ledger;

/// <summary>A fresh ledger table in the shared Azurite with a fake clock.</summary>
internal sealed class LedgerTestContext
{
    public LedgerTestContext(AzuriteFixture azurite, CalendarCatalog? calendars = null)
    {
        Clock = new FakeClock(Dates.I("2026-03-01T09:00:00-05:00"));
        Table = azurite.Clients.Table(UniqueNames.Table("deadlines"));
        Ledger = new DeadlineLedger(Table, RuleBook.Embedded, new DeadlineCalculator(calendars ?? CalendarCatalog.Default), Clock);
    }

    public FakeClock Clock { get; }

    public Azure.Data.Tables.TableClient Table { get; }

    public DeadlineLedger Ledger { get; }

    public async Task<LedgerTestContext> CreatedAsync()
    {
        await Ledger.EnsureCreatedAsync();
        return this;
    }

    public Task<DeadlineRecord> OpenAsync(string rule, string office, params (string Event, string At)[] events) =>
        Ledger.OpenAsync(new NewDeadline($"case-{Guid.NewGuid():n}"[..13], office, rule,
            events.ToDictionary(e => e.Event, e => Dates.I(e.At)), "worker:ana"));
}
