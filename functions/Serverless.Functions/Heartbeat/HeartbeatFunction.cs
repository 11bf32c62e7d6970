using Microsoft.Extensions.Logging;
using Serverless.Functions.Invocations;
using Serverless.Workflows.Operations;

namespace Serverless.Functions.Heartbeat;

/// <summary>The Heartbeat timer: records each run (and whether it was past due) so operators can see timers fire.</summary>
public static class HeartbeatFunction
{
    public const string Name = "Heartbeat";

    public static async Task<InvocationResponse> InvokeAsync(InvocationRequest request, HeartbeatLog log, TimeProvider clock, ILogger<HeartbeatLog> logger, CancellationToken cancellationToken)
    {
        var timer = request.Binding<TimerInfo>("timer", InvocationJson.Options) ?? new TimerInfo();
        var sys = request.Sys(InvocationJson.Options);
        var run = new HeartbeatRun(
            sys?.UtcNow ?? clock.GetUtcNow(),
            timer.IsPastDue,
            timer.ScheduleStatus?.Last,
            timer.ScheduleStatus?.Next,
            sys?.RandGuid ?? Guid.Empty);
        await log.RecordAsync(run, cancellationToken);
        logger.LogInformation("Heartbeat recorded at {FiredAtUtc} (past due: {IsPastDue})", run.FiredAtUtc, run.IsPastDue);
        return new InvocationResponse { Logs = { $"Heartbeat at {run.FiredAtUtc:O}, past due: {run.IsPastDue}" } };
    }
}
