using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Contracts;

[Collection(LocalHostCollection.Name)]
public sealed class ServiceBusTriggerContractTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private async Task<HttpResponseMessage> SendAsync(object message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/servicebus/Orders.Incoming/messages") { Content = JsonContent.Create(message) };
        request.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
        return await fixture.Http.SendAsync(request);
    }

    [Fact]
    public async Task Message_is_delivered_with_Service_Bus_metadata_and_application_properties()
    {
        var id = $"msg-{Guid.NewGuid():N}";
        using var sent = await SendAsync(new { body = "order 1", messageId = id, correlationId = "corr-7", applicationProperties = new { source = "legacy-ems", priority = 2 } });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("orders-incoming", (await sent.Content.ReadFromJsonAsync<JsonObject>())!["storageQueue"]!.GetValue<string>());

        var output = await Eventually.MessageAsync(fixture.Queue("orders-out"), Within, m => m["metadata"]?["MessageId"]?.GetValue<string>() == id);

        var metadata = output["metadata"]!;
        Assert.Equal("order 1", output["order"]!.GetValue<string>());
        Assert.Equal(1, metadata["DeliveryCount"]!.GetValue<int>());
        Assert.Equal("corr-7", metadata["CorrelationId"]!.GetValue<string>());
        Assert.Equal("legacy-ems", metadata["ApplicationProperties"]!["source"]!.GetValue<string>());
        Assert.Equal(2, metadata["ApplicationProperties"]!["priority"]!.GetValue<int>());
        Assert.True(DateTimeOffset.TryParse(metadata["EnqueuedTimeUtc"]!.GetValue<string>(), out _));
        Assert.True(metadata["SequenceNumber"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Poison_message_is_dead_lettered_after_maxDeliveryCount_with_the_last_error()
    {
        var id = $"poison-{Guid.NewGuid():N}";
        using var sent = await SendAsync(new { body = "poison order", messageId = id });

        var deadLetter = await Eventually.MessageAsync(fixture.Queue("orders-incoming-deadletter"), Within, m => m["messageId"]?.GetValue<string>() == id);

        Assert.Equal("MaxDeliveryCountExceeded", deadLetter["deadLetterReason"]!.GetValue<string>());
        Assert.Contains("cannot process poison order", deadLetter["deadLetterErrorDescription"]!.GetValue<string>());
        Assert.Equal(3, deadLetter["deliveryCount"]!.GetValue<int>());
        Assert.Equal("poison order", deadLetter["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_api_requires_the_master_key()
    {
        using var response = await fixture.Http.PostAsJsonAsync("admin/servicebus/Orders.Incoming/messages", new { body = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
