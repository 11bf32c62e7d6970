using System.Text.Json.Nodes;
using Azure.Storage.Queues;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>Waits (bounded) for asynchronous work the host does: a message to appear on a queue.</summary>
internal static class Eventually
{
    public static async Task<JsonObject> MessageAsync(QueueClient queue, TimeSpan within, Func<JsonObject, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await queue.ExistsAsync())
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
                {
                    var body = JsonNode.Parse(message.Body.ToString()) as JsonObject;
                    if (body is not null && (where is null || where(body)))
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                        return body;
                    }
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No matching message on {queue.Name} within {within.TotalSeconds} s.");
    }

    public static async Task<int> CountAsync(QueueClient queue)
    {
        if (!await queue.ExistsAsync())
        {
            return 0;
        }
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }
}
