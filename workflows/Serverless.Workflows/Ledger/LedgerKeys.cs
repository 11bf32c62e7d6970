using System.Globalization;
using NodaTime;

namespace Serverless.Workflows.Ledger;

/// <summary>
/// Table layout. One partition per program and office holds the deadline rows ("rec|id") and, for live duties,
/// a due-index row ("due|yyyyMMddTHHmmssZ|id") so "due before T in office O" is a range scan of one partition and
/// a row and its index row change in one entity-group transaction. A registry partition lists the offices so
/// "overdue everywhere" is one bounded range scan per office.
/// </summary>
public static class LedgerKeys
{
    public const string RegistryPartition = "~offices";
    public const string RecordPrefix = "rec|";
    public const string DuePrefix = "due|";

    public static string Partition(string program, string office) => $"{Checked(program, "program").ToUpperInvariant()}|{Checked(office, "office")}";

    public static string RecordRow(string deadlineId) => RecordPrefix + Checked(deadlineId, "deadline id");

    public static string DueRow(Instant due, string deadlineId) => $"{DueBound(due)}|{Checked(deadlineId, "deadline id")}";

    /// <summary>All due-index rows with a legal due strictly before <paramref name="instant"/> sort below this key.</summary>
    public static string DueBound(Instant instant) =>
        DuePrefix + instant.ToDateTimeUtc().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Key parts may not hold the characters Azure Tables forbids in keys, nor our separator.</summary>
    public static string Checked(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200
            || value.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException($"{what} '{value}' is empty, too long, or contains / \\ # ? | or control characters");
        }
        return value;
    }
}
