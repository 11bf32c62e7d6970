using System.Text;
using Azure.Data.Tables;
using NodaTime;
using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Hasa;

/// <summary>Reads HASA ledger rows: a case's deadlines, and the staff list (paged) by office, status and due.</summary>
public sealed class HasaDeadlineQueries(DeadlineLedger ledger)
{
    public async Task<IReadOnlyList<DeadlineRecord>> ForCaseAsync(string office, string caseId, CancellationToken ct = default)
    {
        var partition = LedgerKeys.Partition(HasaLedgerSync.Program, office);
        // A case's deadline ids all start "{caseId}." (HasaDeadlinePlanner), so its rows are one narrow key range;
        // CaseId still guards against another case whose id merely starts with this one and a dot.
        var low = LedgerKeys.RecordRow(caseId) + ".";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {low[..^1] + "/"} and CaseId eq {caseId}");
        var list = new List<DeadlineRecord>();
        await foreach (var e in ledger.Table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            list.Add(DeadlineEntities.ReadRecord(e));
        }
        return [.. list.OrderBy(r => r.LegalDueAt)];
    }

    /// <summary>
    /// One page of deadline rows. Offices are walked in order; the token carries the office and the table's own
    /// continuation token, so a page never mixes two scans.
    /// </summary>
    public async Task<DeadlinePage> PageAsync(
        IReadOnlyList<string> offices, DeadlineStatus? status, Instant? dueBefore, int pageSize, string? token, CancellationToken ct = default,
        Instant? warningReachedBy = null)
    {
        var (startOffice, tableToken) = Decode(token);
        var ordered = offices.Order(StringComparer.Ordinal).SkipWhile(o => startOffice is not null && string.CompareOrdinal(o, startOffice) < 0).ToList();
        var items = new List<DeadlineRecord>();
        foreach (var office in ordered)
        {
            var filter = Filter(office, status, dueBefore, warningReachedBy);
            var continuation = office == startOffice ? tableToken : null;
            await foreach (var page in ledger.Table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize - items.Count, cancellationToken: ct).AsPages(continuation, pageSize - items.Count))
            {
                items.AddRange(page.Values.Select(DeadlineEntities.ReadRecord));
                if (items.Count >= pageSize)
                {
                    var next = page.ContinuationToken is { } t ? Encode(office, t) : NextOffice(ordered, office);
                    return new DeadlinePage(items, next);
                }
                if (page.ContinuationToken is null)
                {
                    break;
                }
            }
        }
        return new DeadlinePage(items, null);
    }

    public async Task<IReadOnlyList<string>> OfficesAsync(CancellationToken ct = default)
    {
        var offices = new List<string>();
        await foreach (var (program, office) in ledger.OfficesAsync(ct))
        {
            if (program == HasaLedgerSync.Program)
            {
                offices.Add(office);
            }
        }
        return offices;
    }

    private static string Filter(string office, DeadlineStatus? status, Instant? dueBefore, Instant? warningReachedBy)
    {
        var partition = LedgerKeys.Partition(HasaLedgerSync.Program, office);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {LedgerKeys.RecordPrefix} and RowKey lt {"rec}"}");
        if (status is { } s)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {s.ToString()}");
        }
        if (warningReachedBy is { } reached)
        {
            filter += " and " + TableClient.CreateQueryFilter($"WarningAt le {reached.ToDateTimeOffset()}");
        }
        if (dueBefore is { } due)
        {
            filter += " and " + TableClient.CreateQueryFilter($"LegalDueAt lt {due.ToDateTimeOffset()}");
        }
        return filter;
    }

    private static string? NextOffice(List<string> ordered, string office)
    {
        var index = ordered.IndexOf(office);
        return index + 1 < ordered.Count ? Encode(ordered[index + 1], "") : null;
    }

    private static string Encode(string office, string tableToken) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(office + "\n" + tableToken)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (string? Office, string? TableToken) Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, null);
        }
        var padded = token.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('\n', 2);
        return (parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }

    public static bool IsWellFormedToken(string token)
    {
        try
        {
            _ = Decode(token);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>A page of deadline rows and the token for the next one (null at the end).</summary>
public sealed record DeadlinePage(IReadOnlyList<DeadlineRecord> Items, string? ContinuationToken);
