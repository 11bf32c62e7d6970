using System.Collections.Concurrent;

namespace Serverless.Workflows.Hasa;

/// <summary>
/// The last records read of each case, valid while the case row still has the same ETag. Every write that adds or
/// changes a record changes the case row in the same transaction (see <see cref="HasaCaseStore"/>), so a fresh
/// point read of the case row tells whether the copy is current, whichever process wrote last; a workflow timer
/// waking a case then costs one point read instead of a partition query.
/// </summary>
public sealed class HasaCaseRecordCache(int capacity = 20_000)
{
    private readonly ConcurrentDictionary<string, HasaCaseRecords> _records = new(StringComparer.Ordinal);

    public bool TryGet(string caseId, string etag, out HasaCaseRecords records)
    {
        if (_records.TryGetValue(caseId, out var cached) && cached.ETag == etag)
        {
            records = cached;
            return true;
        }
        records = null!;
        return false;
    }

    public void Put(string caseId, HasaCaseRecords records)
    {
        if (_records.Count >= capacity && !_records.ContainsKey(caseId))
        {
            // Crude but bounded: forget a tenth of the cases; a miss only costs one partition query.
            foreach (var key in _records.Keys.Take(Math.Max(1, capacity / 10)))
            {
                _records.TryRemove(key, out _);
            }
        }
        _records[caseId] = records;
    }

    public void Forget(string caseId) => _records.TryRemove(caseId, out _);

    public int Count => _records.Count;
}
