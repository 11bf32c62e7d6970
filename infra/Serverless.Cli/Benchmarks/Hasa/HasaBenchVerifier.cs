using System.Collections.Concurrent;
using System.Globalization;

namespace Serverless.Cli.Benchmarks.Hasa;

/// <summary>Compares every case's ledger rows, and each office's missed list, with <see cref="HasaExpectation"/>.</summary>
internal static class HasaBenchVerifier
{
    public static async Task<(List<string> Mismatches, int Rows, int ListedMissed, int ListPages, TimeSpan Elapsed)> VerifyAsync(
        TextWriter output, HasaBenchApi api, IReadOnlyList<HasaBenchCase> cases, DateOnly today, int concurrency, CancellationToken ct)
    {
        var mismatches = new ConcurrentQueue<string>();
        int rows = 0;
        var (elapsed, failures) = await HasaBenchRunner.ForEachAsync(output, "verify", cases, concurrency, async c =>
        {
            var actual = await api.DeadlinesAsync(c, ct);
            Interlocked.Add(ref rows, actual.Count);
            foreach (var m in Compare(c, HasaExpectation.For(c, today), actual))
            {
                mismatches.Enqueue(m);
            }
        }, ct);
        foreach (var failure in failures)
        {
            mismatches.Enqueue("request failed: " + failure);
        }

        // The staff list must show exactly the expected missed rows of each office.
        int listed = 0, pages = 0;
        foreach (var office in HasaBenchCase.Offices)
        {
            var expected = cases.Where(c => c.Office == office)
                .SelectMany(c => HasaExpectation.For(c, today).Where(e => e.Status == "missed").Select(e => (c.CaseId, e.Rule)))
                .ToHashSet();
            var (missed, officePages) = await api.MissedAsync(office, ct);
            listed += missed.Count;
            pages += officePages;
            var shown = missed.ToHashSet();
            if (shown.Count != missed.Count)
            {
                mismatches.Enqueue($"{office}: the missed list repeats {missed.Count - shown.Count} rows across pages");
            }
            foreach (var extra in shown.Except(expected).Take(20))
            {
                mismatches.Enqueue($"{office}: listed as missed but not expected: {extra.CaseId} {extra.Rule}");
            }
            foreach (var absent in expected.Except(shown).Take(20))
            {
                mismatches.Enqueue($"{office}: expected in the missed list but absent: {absent.CaseId} {absent.Rule}");
            }
        }
        return ([.. mismatches], rows, listed, pages, elapsed);
    }

    private static IEnumerable<string> Compare(HasaBenchCase c, IReadOnlyList<ExpectedDeadline> expected, List<(string Rule, string Status, string Due)> actual)
    {
        foreach (var e in expected)
        {
            var found = actual.Where(a => a.Rule == e.Rule).ToList();
            if (found.Count != 1)
            {
                yield return $"{c.CaseId} ({c.Kind}): {found.Count} rows for {e.Rule}, expected 1";
                continue;
            }
            var (_, status, due) = found[0];
            if (status != e.Status)
            {
                yield return $"{c.CaseId} ({c.Kind}): {e.Rule} is {status}, expected {e.Status}";
            }
            if (e.Due is { } d && due != d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                yield return $"{c.CaseId} ({c.Kind}): {e.Rule} due {due}, expected {d:yyyy-MM-dd}";
            }
        }
        foreach (var extra in actual.Where(a => expected.All(e => e.Rule != a.Rule)))
        {
            yield return $"{c.CaseId} ({c.Kind}): unexpected row {extra.Rule} ({extra.Status})";
        }
    }
}
