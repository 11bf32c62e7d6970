using Serverless.Workflows.Ledger;

namespace Serverless.Workflows.Tests.Ledger;

public sealed class StatusTransitionsTests
{
    [Theory]
    [InlineData(DeadlineStatus.Met, DeadlineStatus.Missed)]
    [InlineData(DeadlineStatus.Met, DeadlineStatus.Open)]
    [InlineData(DeadlineStatus.Missed, DeadlineStatus.Open)]
    [InlineData(DeadlineStatus.Missed, DeadlineStatus.Waived)]
    [InlineData(DeadlineStatus.Moot, DeadlineStatus.Open)]
    [InlineData(DeadlineStatus.Waived, DeadlineStatus.Met)]
    public void Refused(DeadlineStatus from, DeadlineStatus to)
    {
        Assert.False(StatusTransitions.IsAllowed(from, to));
        Assert.Throws<InvalidStatusTransitionException>(() => StatusTransitions.Ensure(from, to));
    }

    [Theory]
    [InlineData(DeadlineStatus.Open, DeadlineStatus.Met)]
    [InlineData(DeadlineStatus.Open, DeadlineStatus.Missed)]
    [InlineData(DeadlineStatus.Open, DeadlineStatus.Tolled)]
    [InlineData(DeadlineStatus.Tolled, DeadlineStatus.Open)]
    [InlineData(DeadlineStatus.Missed, DeadlineStatus.Met)]
    [InlineData(DeadlineStatus.Missed, DeadlineStatus.Moot)]
    public void Allowed(DeadlineStatus from, DeadlineStatus to) => Assert.True(StatusTransitions.IsAllowed(from, to));

    [Fact]
    public void Only_open_and_missed_duties_are_live() =>
        Assert.Equal([DeadlineStatus.Open, DeadlineStatus.Missed], Enum.GetValues<DeadlineStatus>().Where(StatusTransitions.IsLive));
}
