using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Activities;

/// <summary>The outcome of one activity run: the JSON output, or why it failed.</summary>
public sealed record ActivityResult(string? OutputJson, TaskFailureDetails? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>Runs an activity on JSON: deserializes the input, calls it, serializes the output, captures a failure.</summary>
public static class ActivityRunner
{
    public static async Task<ActivityResult> RunAsync(
        ITaskActivity activity, TaskActivityContext context, string? inputJson, DataConverter? converter = null)
    {
        converter ??= JsonDataConverter.Default;
        try
        {
            object? input = converter.Deserialize(inputJson, activity.InputType);
            if (input is null && activity.InputType.IsValueType)
            {
                input = Activator.CreateInstance(activity.InputType);
            }

            object? output = await activity.RunAsync(context, input);
            return new ActivityResult(converter.Serialize(output), null);
        }
        catch (Exception failure)
        {
            return new ActivityResult(null, TaskFailureDetails.FromException(failure));
        }
    }
}
