namespace Serverless.Testing;

/// <summary>Storage names that never collide between tests sharing one Azurite.</summary>
public static class UniqueNames
{
    private static int _counter;

    /// <summary>A table name: letters and digits, starting with a letter, at most 63 characters.</summary>
    public static string Table(string prefix) => $"{prefix}{Suffix()}";

    /// <summary>A queue or container name: lowercase letters, digits and hyphens.</summary>
    public static string Queue(string prefix) => $"{prefix.ToLowerInvariant()}-{Suffix()}";

    private static string Suffix() => $"{Environment.ProcessId:x}{Interlocked.Increment(ref _counter):x}{Random.Shared.Next(0x1000, 0xffff):x}";
}
