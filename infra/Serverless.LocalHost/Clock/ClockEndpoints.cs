using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.LocalHost.FunctionsHost.Http;
using Serverless.LocalHost.FunctionsHost.Keys;

namespace Serverless.LocalHost.Clock;

/// <summary><c>GET /admin/clock</c> and <c>POST /admin/clock/advance?by=P90D</c> (admin key; advancing needs the virtual clock).</summary>
public static class ClockEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, TimeProvider clock, KeyStore keys)
    {
        var group = routes.MapGroup("/admin/clock").AddEndpointFilter(async (ctx, next) =>
        {
            if (!keys.IsMasterKey(PresentedKey.From(ctx.HttpContext.Request)))
            {
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", "The /admin API requires the admin (master) key in the x-functions-key header or the code query parameter.");
                return Results.Empty;
            }
            return await next(ctx);
        });

        group.MapGet("", () => Results.Json(Describe(clock)));

        group.MapPost("/advance", async (string? by, CancellationToken ct) =>
        {
            if (clock is not VirtualClock virtualClock)
            {
                return Results.Problem(title: "Real clock", detail: "The host runs on the real clock; start it with --virtual-clock to advance time.", statusCode: StatusCodes.Status409Conflict);
            }
            if (!IsoDuration.TryParse(by, out var duration) || duration < TimeSpan.Zero)
            {
                return Results.Problem(title: "Bad duration", detail: $"'by' must be a positive ISO-8601 duration such as P90D or PT6H, not '{by}'.", statusCode: StatusCodes.Status400BadRequest);
            }
            var from = virtualClock.GetUtcNow();
            int steps = await virtualClock.AdvanceAsync(duration, ct);
            return Results.Json(new { from, now = virtualClock.GetUtcNow(), steps, nextDue = virtualClock.NextDue, @virtual = true });
        });
    }

    private static object Describe(TimeProvider clock) => clock is VirtualClock v
        ? new { now = v.GetUtcNow(), @virtual = true, nextDue = v.NextDue }
        : new { now = clock.GetUtcNow(), @virtual = false, nextDue = (DateTimeOffset?)null };
}
