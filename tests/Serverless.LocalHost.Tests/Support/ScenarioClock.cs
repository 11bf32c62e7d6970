using System.Globalization;
using Serverless.LocalHost.Clock;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>
/// Virtual clocks for scenarios told in New York business dates. The clock stands at 15:00 UTC (10:00 or 11:00 in
/// New York, either side of DST), so its UTC date is the New York date the forms are checked against.
/// </summary>
internal static class ScenarioClock
{
    public static VirtualClock StartingOn(string isoDate) => new(MorningOf(isoDate));

    /// <summary>Advances whole days to <paramref name="isoDate"/>, firing every timer due on the way.</summary>
    public static Task<int> AdvanceToAsync(this VirtualClock clock, string isoDate, CancellationToken ct)
    {
        var by = MorningOf(isoDate) - clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"the clock is already past {isoDate}");
        return clock.AdvanceAsync(by, ct);
    }

    private static DateTimeOffset MorningOf(string isoDate) =>
        DateTimeOffset.ParseExact(isoDate + "T15:00:00Z", "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
}
