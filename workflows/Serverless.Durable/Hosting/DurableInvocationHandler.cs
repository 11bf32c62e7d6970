using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Activities;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;

namespace Serverless.Durable.Hosting;

/// <summary>
/// Answers the custom-handler invocations the Functions host sends for durable triggers
/// (azure-contracts.md §2): orchestrationTrigger with base64 protobuf, activityTrigger with JSON.
/// </summary>
public sealed class DurableInvocationHandler(
    DurableFunctionRegistry registry, DataConverter? converter = null, ILoggerFactory? loggerFactory = null)
{
    private readonly OrchestrationExecutor _executor = new(converter, loggerFactory);

    public DurableFunctionRegistry Registry => registry;

    /// <summary>Handles <c>POST /{orchestratorFunction}</c>; returns the 200 response body with the base64
    /// OrchestratorResponse in ReturnValue. Orchestrator failures are inside it; only a malformed body throws
    /// (<see cref="FormatException"/>, <see cref="JsonException"/>).</summary>
    public string HandleOrchestrationTrigger(string invocationBody)
    {
        using var document = JsonDocument.Parse(invocationBody);
        var data = InvocationJson.Find(document.RootElement, "Data")
            ?? throw new FormatException("The invocation body has no Data.");
        var context = InvocationJson.Find(data, "context")
            ?? throw new FormatException("The invocation Data has no 'context' binding.");
        var request = ProtocolFraming.DecodeRequest(ProtocolFraming.UnwrapContextBinding(context));
        string responseBase64 = ProtocolFraming.EncodeResponse(Execute(request));
        return InvocationJson.Response([], writer => writer.WriteStringValue(responseBase64));
    }

    /// <summary>Replays the orchestrator named in the request's ExecutionStarted event.</summary>
    public OrchestratorResponse Execute(OrchestratorRequest request)
    {
        string? name = OrchestrationExecutor.FindOrchestratorName(request);
        if (name is not null && registry.TryCreateOrchestrator(name, out var orchestrator))
        {
            return _executor.Execute(request, orchestrator);
        }

        var failure = new Orchestration.TaskFailureDetails(
            "OrchestratorNotFound",
            name is null
                ? "The request has no ExecutionStarted event, so the orchestrator is unknown."
                : $"No orchestrator named '{name}' is registered.",
            IsNonRetriable: true);
        return new OrchestratorResponse
        {
            InstanceId = request.InstanceId,
            Actions =
            {
                new OrchestratorAction
                {
                    CompleteOrchestration = new CompleteOrchestrationAction
                    {
                        OrchestrationStatus = OrchestrationStatus.Failed,
                        FailureDetails = failure.ToProto(),
                    },
                },
            },
        };
    }

    /// <summary>Handles <c>POST /{activityFunction}</c>. The activity name is <paramref name="functionName"/>, or
    /// <c>Metadata.sys.MethodName</c> when null. Answer with <see cref="ActivityInvocationResult.StatusCode"/>.</summary>
    public async Task<ActivityInvocationResult> HandleActivityTriggerAsync(
        string? functionName, string invocationBody, CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(invocationBody);
        var root = document.RootElement;
        var metadata = InvocationJson.Find(root, "Metadata") ?? default;
        string name = functionName
            ?? InvocationJson.FindString(metadata, "sys", "MethodName")
            ?? throw new FormatException("The activity name is neither given nor in Metadata.sys.MethodName.");
        string instanceId = InvocationJson.FindString(metadata, "instanceId") ?? string.Empty;
        int? taskId = int.TryParse(InvocationJson.FindString(metadata, "taskScheduledId"), out int id) ? id : null;

        if (!registry.TryCreateActivity(name, out var activity))
        {
            return Failed(name, new ActivityResult(null, new Orchestration.TaskFailureDetails(
                "ActivityNotFound", $"No activity named '{name}' is registered.", IsNonRetriable: true)));
        }

        var data = InvocationJson.Find(root, "Data");
        var bindingValue = (data is { } d ? InvocationJson.Find(d, "input") : null) ?? InvocationJson.Find(metadata, "data");
        string? inputJson = ActivityInputJson(bindingValue, activity.InputType);
        var context = new TaskActivityContext(name, instanceId, taskId, cancellationToken);
        var result = await ActivityRunner.RunAsync(activity, context, inputJson, _executor.Converter);
        if (!result.Succeeded)
        {
            return Failed(name, result);
        }

        string body = InvocationJson.Response([], writer =>
        {
            if (result.OutputJson is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteRawValue(result.OutputJson);
            }
        });
        return new ActivityInvocationResult(200, body, result);
    }

    private static ActivityInvocationResult Failed(string name, ActivityResult result)
    {
        var failure = result.Failure!;
        string body = InvocationJson.Response(
            [$"Activity '{name}' failed: {failure.ErrorType}: {failure.ErrorMessage}"],
            writer => writer.WriteNullValue(),
            writer =>
            {
                writer.WritePropertyName("FailureDetails");
                FailureDetailsJson.Write(writer, failure);
            });
        return new ActivityInvocationResult(500, body, result);
    }

    // The binding value is the input JSON; some hosts send it as a string holding the JSON, which is unwrapped
    // unless the activity itself takes a string.
    private static string? ActivityInputJson(JsonElement? bindingValue, Type inputType)
    {
        if (bindingValue is not { } value || value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && inputType != typeof(string))
        {
            string text = value.GetString()!;
            try
            {
                using var _ = JsonDocument.Parse(text);
                return text;
            }
            catch (JsonException)
            {
                return value.GetRawText();
            }
        }

        return value.GetRawText();
    }
}
