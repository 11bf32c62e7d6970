using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Contracts;

[Collection(LocalHostCollection.Name)]
public sealed class QueueTriggerContractTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Message_is_delivered_with_queue_metadata_and_the_output_binding_is_sent()
    {
        var item = $"item-{Guid.NewGuid():N}";
        await fixture.Queue("items").CreateIfNotExistsAsync();
        await fixture.Queue("items").SendMessageAsync(item);

        var output = await Eventually.MessageAsync(fixture.Queue("items-out"), Within, m => m["item"]?.GetValue<string>() == item);

        var metadata = output["metadata"]!;
        Assert.Equal(1, metadata["DequeueCount"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(metadata["Id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(metadata["PopReceipt"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.TryParse(metadata["InsertionTime"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(metadata["ExpirationTime"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(metadata["NextVisibleTime"]!.GetValue<string>(), out _));
        Assert.Equal("Items", metadata["sys"]!["MethodName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Poison_message_moves_to_the_poison_queue_after_maxDequeueCount_failures()
    {
        var item = $"fail-{Guid.NewGuid():N}";
        await fixture.Queue("items").CreateIfNotExistsAsync();
        await fixture.Queue("items").SendMessageAsync(item);

        var poison = fixture.Queue("items-poison");
        var deadline = DateTime.UtcNow + Within;
        string? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            if (await poison.ExistsAsync())
            {
                foreach (var message in (await poison.PeekMessagesAsync(32)).Value)
                {
                    if (message.Body.ToString() == item)
                    {
                        found = item;
                    }
                }
            }
            await Task.Delay(100);
        }

        Assert.Equal(item, found);
        Assert.Equal(0, await Eventually.CountAsync(fixture.Queue("items")));
    }
}
