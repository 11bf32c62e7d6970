using NodaTime;
using Serverless.Storage;
using Serverless.Workflows.Calendars;
using Serverless.Workflows.Cases;
using Serverless.Workflows.Clocks;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>The HASA object graph over one storage account; <paramref name="tablePrefix"/> lets tests isolate their tables.</summary>
public sealed class HasaServices
{
    public HasaServices(StorageClients storage, IClock clock, CalendarCatalog? calendars = null, string tablePrefix = "")
    {
        var calculator = new DeadlineCalculator(calendars ?? CalendarCatalog.Default);
        Tables = CaseTables.From(storage, tablePrefix);
        Ledger = new DeadlineLedger(storage.Table(tablePrefix + DeadlineLedger.DefaultTableName), RuleBook.Embedded, calculator, clock);
        Store = new HasaCaseStore(Tables);
        Clients = new ClientStore(Tables);
        Audit = new AuditLog(Tables.Audit);
        Deadlines = new HasaDeadlineQueries(Ledger);
        Facilities = new FacilityTracker(Tables.Facilities);
        Service = new HasaCaseService(Store, Clients, Audit, new HasaDeadlinePlanner(RuleBook.Embedded, calculator),
            new HasaEventRules(new TerminationGuard(RuleBook.Embedded, calculator)), new HasaLedgerSync(Ledger), Deadlines, Facilities);
    }

    public CaseTables Tables { get; }
    public DeadlineLedger Ledger { get; }
    public HasaCaseStore Store { get; }
    public ClientStore Clients { get; }
    public AuditLog Audit { get; }
    public HasaDeadlineQueries Deadlines { get; }
    public FacilityTracker Facilities { get; }
    public HasaCaseService Service { get; }

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        await Tables.EnsureCreatedAsync(ct);
        await Ledger.EnsureCreatedAsync(ct);
    }
}
