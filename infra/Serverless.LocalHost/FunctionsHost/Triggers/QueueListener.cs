using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Serverless.LocalHost.FunctionsHost.Configuration;
using Serverless.LocalHost.FunctionsHost.Handler;
using Serverless.LocalHost.FunctionsHost.Messaging;

namespace Serverless.LocalHost.FunctionsHost.Triggers;

/// <summary>
/// Delivers a storage queue's messages to one function, at least once: a message is hidden while its invocation
/// runs (longer than <c>functionTimeout</c>, so a crashed host's message reappears), deleted only after success
/// and after its output bindings were sent, made visible again after a failure, and quarantined after the last
/// allowed delivery. Idle polling backs off to <c>maxPollingInterval</c>; messages this host sends wake it at once.
/// </summary>
public sealed class QueueListener(
    FunctionDefinition function,
    IQueueDelivery delivery,
    FunctionInvoker invoker,
    MessageQueues queues,
    HostConfiguration host,
    ILogger logger)
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stopping)
    {
        QueueClient queue;
        while (true)
        {
            try
            {
                queue = await queues.GetAsync(delivery.QueueName, stopping);
                break;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning("Queue {Queue} is not reachable yet: {Error}", delivery.QueueName, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, stopping);
            }
        }
        var hideFor = host.FunctionTimeout + TimeSpan.FromSeconds(30);
        var idleDelay = MinimumPollingInterval;
        var maxPolling = host.Queues.MaxPollingInterval < MinimumPollingInterval ? MinimumPollingInterval : host.Queues.MaxPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(host.Queues.BatchSize, hideFor, stopping)).Value;
            }
            catch (RequestFailedException ex)
            {
                logger.LogWarning("Receiving from {Queue} failed, will retry: {Error}", delivery.QueueName, ex.Message);
                messages = [];
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            if (messages.Length == 0)
            {
                // Polling is about finding messages, not about the app's time: on a virtual clock it must still happen.
                await queues.Signals.WaitAsync(delivery.QueueName, idleDelay, TimeProvider.System, stopping);
                idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, maxPolling.Ticks));
                continue;
            }
            idleDelay = MinimumPollingInterval;
            await Task.WhenAll(messages.Select(m => DeliverAsync(queue, m, stopping)));
        }
    }

    private async Task DeliverAsync(QueueClient queue, QueueMessage message, CancellationToken stopping)
    {
        try
        {
            var (data, metadata) = delivery.Describe(message);
            var trigger = function.Trigger.Name;
            var result = await invoker.InvokeAsync(function, new() { [trigger] = data }, metadata, stopping);
            if (result.Succeeded)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                return;
            }
            if (message.DequeueCount >= delivery.MaxDeliveries)
            {
                logger.LogError("Message {MessageId} on {Queue} failed {Count} deliveries; quarantining it: {Error}", message.MessageId, delivery.QueueName, message.DequeueCount, result.Error);
                await delivery.QuarantineAsync(message, result.Error ?? "failed", CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                return;
            }
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: host.Queues.VisibilityTimeout, cancellationToken: CancellationToken.None);
            queues.Signals.Notify(delivery.QueueName);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the host is stopping: the message stays hidden until its visibility timeout, then is delivered again
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the message is not deleted: it becomes visible again and is redelivered.
            logger.LogWarning(ex, "Delivering message {MessageId} on {Queue} failed; it will be delivered again", message.MessageId, delivery.QueueName);
        }
    }
}
