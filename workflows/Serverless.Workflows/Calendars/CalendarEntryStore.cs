using Azure.Data.Tables;
using NodaTime.Text;

namespace Serverless.Workflows.Calendars;

/// <summary>Run-time calendar additions (closures, proclamations, corrections) in an Azure Table, one partition per calendar.</summary>
public sealed class CalendarEntryStore(TableClient table)
{
    public const string DefaultTableName = "calendarentries";

    public Task EnsureCreatedAsync(CancellationToken ct = default) => table.CreateIfNotExistsAsync(ct);

    public Task AddAsync(CalendarEntry entry, CancellationToken ct = default)
    {
        var row = string.Join("|", LocalDatePattern.Iso.Format(entry.Date), CalendarDefaults.KindText(entry.Kind), entry.Agency ?? "*", entry.Site ?? "*");
        return table.UpsertEntityAsync(new TableEntity(entry.Calendar, row)
        {
            ["Date"] = LocalDatePattern.Iso.Format(entry.Date),
            ["Kind"] = CalendarDefaults.KindText(entry.Kind),
            ["Name"] = entry.Name,
            ["Source"] = entry.Source,
            ["Agency"] = entry.Agency,
            ["Site"] = entry.Site,
        }, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<CalendarEntry>> ListAsync(CancellationToken ct = default)
    {
        var entries = new List<CalendarEntry>();
        var index = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            entries.Add(CalendarDefaults.ToEntry(new CalendarDefaults.EntryShape(
                e.PartitionKey, e.GetString("Date"), e.GetString("Kind"), e.GetString("Name"), e.GetString("Source"),
                e.GetString("Agency"), e.GetString("Site")), index++));
        }
        return entries;
    }

    /// <summary>The catalog of the shipped defaults plus every addition in the table.</summary>
    public async Task<CalendarCatalog> LoadCatalogAsync(CalendarDefaults defaults, CancellationToken ct = default) =>
        new(defaults, await ListAsync(ct));
}
