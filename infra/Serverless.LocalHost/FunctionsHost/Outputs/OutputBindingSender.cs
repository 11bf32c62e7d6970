using System.Text.Json.Nodes;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Messaging;

namespace Serverless.LocalHost.FunctionsHost.Outputs;

/// <summary>
/// Sends the messages a successful invocation put in its queue and Service Bus output bindings.
/// A JSON array means several messages; a string is sent as is; anything else as its JSON text.
/// </summary>
public sealed class OutputBindingSender(MessageQueues queues, TimeProvider clock)
{
    public async Task SendAsync(FunctionDefinition function, InvocationResult result, CancellationToken cancellationToken)
    {
        foreach (var binding in function.OthersOf<QueueOutputBinding>())
        {
            foreach (var message in Messages(result.OutputFor(binding.Name)))
            {
                await queues.SendAsync(binding.QueueName, message is JsonValue v && v.TryGetValue<string>(out var s) ? s : message!.ToJsonString(), cancellationToken);
            }
        }
        foreach (var binding in function.OthersOf<ServiceBusOutputBinding>())
        {
            foreach (var message in Messages(result.OutputFor(binding.Name)))
            {
                var envelope = ServiceBusEnvelope.FromOutput(message, clock.GetUtcNow(), queues.NextSequenceNumber());
                await queues.SendToServiceBusAsync(binding.QueueName, envelope, cancellationToken);
            }
        }
    }

    private static IEnumerable<JsonNode?> Messages(JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => array,
        _ => [value],
    };
}
