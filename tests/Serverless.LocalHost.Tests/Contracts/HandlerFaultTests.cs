using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Contracts;

[Collection(LocalHostCollection.Name)]
public sealed class HandlerFaultTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Handler_crash_mid_invocation_is_restarted_and_the_message_is_redelivered_not_lost()
    {
        var item = $"crash-{Guid.NewGuid():N}";
        var restartsBefore = fixture.Host.Handler.Restarts;
        var pidBefore = fixture.Host.Handler.ProcessId;
        await fixture.Queue("crashy").CreateIfNotExistsAsync();
        await fixture.Queue("crashy").SendMessageAsync(item);

        var output = await Eventually.MessageAsync(fixture.Queue("crashy-out"), Within, m => m["item"]?.GetValue<string>() == item);

        Assert.Equal(2, output["metadata"]!["DequeueCount"]!.GetValue<int>());
        Assert.True(fixture.Host.Handler.Restarts > restartsBefore, "the host should have restarted the crashed handler");
        Assert.NotEqual(pidBefore, fixture.Host.Handler.ProcessId);
    }

    [Fact]
    public async Task Handler_timeout_is_a_failed_delivery_and_the_message_is_retried()
    {
        var item = $"hang-{Guid.NewGuid():N}";
        await fixture.Queue("hang").CreateIfNotExistsAsync();
        await fixture.Queue("hang").SendMessageAsync(item);

        var output = await Eventually.MessageAsync(fixture.Queue("hang-out"), Within, m => m["item"]?.GetValue<string>() == item);

        Assert.Equal(2, output["metadata"]!["DequeueCount"]!.GetValue<int>());
    }
}
