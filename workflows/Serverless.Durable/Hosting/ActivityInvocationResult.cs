using Serverless.Durable.Activities;

namespace Serverless.Durable.Hosting;

/// <summary>
/// The answer to an activityTrigger invocation: the HTTP status the handler must use (200, or 500 so the host records
/// TaskFailed) and the response body. <see cref="Result"/> carries the output or failure details.
/// </summary>
public sealed record ActivityInvocationResult(int StatusCode, string ResponseJson, ActivityResult Result)
{
    public bool Succeeded => Result.Succeeded;
}
