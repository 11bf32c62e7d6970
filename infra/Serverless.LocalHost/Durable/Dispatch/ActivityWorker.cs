using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Hosting;
using Serverless.Durable.Testing;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.FunctionsHost.Handler;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// Runs one activity through the handler (<c>Data.input</c>, <c>Metadata.instanceId</c> and <c>taskScheduledId</c>)
/// and sends its TaskCompleted or TaskFailed to the instance's control queue before deleting the work item.
/// </summary>
public sealed class ActivityWorker(TaskHubStore store, DurableFunctions functions, FunctionInvoker invoker, TimeProvider clock, Action<string> onControlSent, Action<TimeSpan> wakeAfter, ILogger logger)
{
    private const int MaxHandlerRetries = 5;

    /// <summary>Counts activity executions per idempotency key, so duplicates can be reported.</summary>
    public ActivityExecutionLog Executions { get; } = new();

    public async Task ProcessAsync(Received<WorkItemMessage> received, CancellationToken cancellationToken)
    {
        var item = received.Message;
        var function = functions.Activity(item.Name);
        Serverless.Durable.Protocol.HistoryEvent outcome;
        if (function is null)
        {
            outcome = HistoryEvents.TaskFailed(clock.GetUtcNow().UtcDateTime, item.TaskScheduledId, new Serverless.Durable.Orchestration.TaskFailureDetails(
                "ActivityNotFound", $"The activity function '{item.Name}' doesn't exist or is not an activity function.", IsNonRetriable: true));
        }
        else
        {
            var data = new JsonObject { [function.Trigger.Name] = item.Input is null ? null : JsonNode.Parse(item.Input) };
            var metadata = new JsonObject { ["instanceId"] = item.InstanceId, ["taskScheduledId"] = item.TaskScheduledId, ["data"] = item.Input };
            Executions.Record($"{item.InstanceId}:{item.TaskScheduledId}");
            var result = await invoker.InvokeAsync(function, data, metadata, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (result.Succeeded)
            {
                outcome = HistoryEvents.TaskCompleted(now, item.TaskScheduledId, result.ReturnValue?.ToJsonString());
            }
            else if (result.StatusCode is null && !result.TimedOut && received.DequeueCount < MaxHandlerRetries)
            {
                // The handler was unreachable (crashed, restarting): run the activity again shortly.
                logger.LogWarning("Activity {Name} for {InstanceId} could not reach the handler; retrying", item.Name, item.InstanceId);
                await store.Queues.ReleaseWorkItemAsync(received, TimeSpan.FromSeconds(1), cancellationToken);
                wakeAfter(TimeSpan.FromSeconds(1));
                return;
            }
            else
            {
                outcome = HistoryEvents.TaskFailed(now, item.TaskScheduledId, ReadFailure(result));
            }
        }
        await store.Queues.SendControlAsync(new ControlMessage(item.Id + ":done", item.InstanceId, item.ExecutionId, [EventCodec.Encode(outcome)]), cancellationToken);
        onControlSent(item.InstanceId);
        await store.Queues.DeleteWorkItemAsync(received, cancellationToken);
    }

    // The handler answers a failed activity with FailureDetails in its body; the invoker passes that body in Error.
    private static Serverless.Durable.Orchestration.TaskFailureDetails ReadFailure(InvocationResult result)
    {
        var error = result.Error ?? "The activity failed.";
        int start = error.IndexOf('{', StringComparison.Ordinal);
        if (start >= 0)
        {
            try
            {
                using var document = JsonDocument.Parse(error[start..]);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (string.Equals(property.Name, "FailureDetails", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        return FailureDetailsJson.Read(property.Value);
                    }
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
            }
        }
        return new Serverless.Durable.Orchestration.TaskFailureDetails(result.TimedOut ? "FunctionTimeoutException" : "ActivityFailed", error);
    }
}

/// <summary>How many times each activity (instance id + task id) ran in this process.</summary>
public sealed class ActivityExecutionLog
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _runs = new();

    public void Record(string key) => _runs.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Total => _runs.Values.Sum();

    public int Duplicates => _runs.Values.Sum(n => n - 1);
}
