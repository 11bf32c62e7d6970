using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Serverless.LocalHost.Durable.Storage;
using Serverless.LocalHost.FunctionsHost.Http;
using Serverless.LocalHost.FunctionsHost.Keys;

namespace Serverless.LocalHost.Durable.Http;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask</c> (azure-contracts.md §3),
/// master key required, plus query filters the official API lacks (name, custom-status prefix, updated range, total count).
/// </summary>
public static class ManagementEndpoints
{
    public const string ContinuationHeader = "x-ms-continuation-token";
    public const string TotalCountHeader = "x-ms-total-count";
    public const string PurgeMoreHeader = "x-ms-purge-incomplete";

    public static void Map(IEndpointRouteBuilder routes, InstanceOperations operations, TaskHubStore store, ManagementUrls urls, KeyStore keys)
    {
        var group = routes.MapGroup("/" + ManagementUrls.Root).AddEndpointFilter(async (ctx, next) =>
        {
            if (!keys.AuthorizesSystem(KeyStore.DurableTaskExtensionKey, PresentedKey.From(ctx.HttpContext.Request)))
            {
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", "The durable task API requires its system key (durabletask_extension, as in the management URLs) or the admin key, in the x-functions-key header or the code query parameter.");
                return Results.Empty;
            }
            return await next(ctx);
        });

        group.MapPost("/orchestrators/{functionName}/{instanceId?}", async (string functionName, string? instanceId, HttpContext http, CancellationToken ct) =>
        {
            var (valid, input) = await ReadJsonAsync(http.Request, ct);
            if (!valid)
            {
                return Results.Problem(title: "Bad request", detail: "The request body is not valid JSON.", statusCode: 400);
            }
            var (outcome, id, error) = await operations.StartAsync(functionName, instanceId, input, ct);
            return outcome switch
            {
                OperationOutcome.Accepted => Management(http, urls, id),
                OperationOutcome.Conflict => Results.Problem(title: "Conflict", detail: error, statusCode: 409),
                _ => Results.Problem(title: "Bad request", detail: error, statusCode: 400),
            };
        });

        group.MapGet("/instances/{instanceId}", async (string instanceId, HttpContext http, CancellationToken ct) =>
        {
            var query = http.Request.Query;
            bool showInput = Flag(query["showInput"], true);
            var record = await operations.GetAsync(instanceId, showInput, ct);
            if (record is null)
            {
                return Results.NotFound();
            }
            IReadOnlyList<Serverless.Durable.Protocol.HistoryEvent>? history = null;
            if (Flag(query["showHistory"], false))
            {
                history = (await store.History.LoadAsync(instanceId, ct)).Events.Select(e => e.Event).ToList();
            }
            bool running = !record.IsTerminal;
            if (running)
            {
                http.Response.Headers.Location = urls.StatusQueryGet(instanceId);
                http.Response.Headers.RetryAfter = "10";
            }
            return Json(running ? 202 : 200, writer => StatusPayloadWriter.Write(writer, record, showInput, history, Flag(query["showHistoryOutput"], false)));
        });

        group.MapGet("/instances", async (HttpContext http, CancellationToken ct) =>
        {
            if (!TryReadQuery(http.Request, out var filter, out var error))
            {
                return Results.Problem(title: "Bad request", detail: error, statusCode: 400);
            }
            bool showInput = Flag(http.Request.Query["showInput"], false);
            var page = await store.Instances.QueryAsync(filter, showInput, ct);
            var repaired = new List<InstanceRecord>(page.Instances.Count);
            foreach (var record in page.Instances)
            {
                repaired.Add(record.IsTerminal ? record : await operations.RepairAsync(record, ct));
            }
            if (page.ContinuationToken is not null)
            {
                http.Response.Headers[ContinuationHeader] = page.ContinuationToken;
            }
            if (Flag(http.Request.Query["showTotalCount"], false))
            {
                http.Response.Headers[TotalCountHeader] = (await store.Instances.CountAsync(filter, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return Json(200, writer =>
            {
                writer.WriteStartArray();
                foreach (var record in repaired)
                {
                    StatusPayloadWriter.Write(writer, record, showInput, null, false);
                }
                writer.WriteEndArray();
            });
        });

        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", async (string instanceId, string eventName, HttpRequest request, CancellationToken ct) =>
        {
            var (valid, data) = await ReadJsonAsync(request, ct);
            return !valid
                ? Results.Problem(title: "Bad request", detail: "The event data is not valid JSON.", statusCode: 400)
                : ToResult(await operations.RaiseEventAsync(instanceId, eventName, data, ct));
        });

        group.MapPost("/instances/{instanceId}/{operation}", async (string instanceId, string operation, HttpRequest request, CancellationToken ct) =>
        {
            string? reason = request.Query["reason"];
            var outcome = operation.ToLowerInvariant() switch
            {
                "terminate" => await operations.TerminateAsync(instanceId, reason, ct),
                "suspend" => await operations.SuspendAsync(instanceId, ct),
                "resume" => await operations.ResumeAsync(instanceId, ct),
                "rewind" => await operations.RewindAsync(instanceId, ct),
                _ => (OperationOutcome?)null,
            };
            return outcome is { } known ? ToResult(known) : Results.NotFound();
        });

        group.MapDelete("/instances/{instanceId}", async (string instanceId, CancellationToken ct) =>
            await operations.PurgeOneAsync(instanceId, ct) ? Purged(1) : Results.NotFound());

        group.MapDelete("/instances", async (HttpContext http, CancellationToken ct) =>
        {
            if (!TryReadQuery(http.Request, out var filter, out var error))
            {
                return Results.Problem(title: "Bad request", detail: error, statusCode: 400);
            }
            var (deleted, more) = await operations.PurgeAsync(filter, ct);
            if (more)
            {
                http.Response.Headers[PurgeMoreHeader] = "true";
            }
            return deleted == 0 ? Results.NotFound() : Purged(deleted);
        });
    }

    private static IResult Management(HttpContext http, ManagementUrls urls, string instanceId)
    {
        var payload = urls.Payload(instanceId);
        http.Response.Headers.Location = payload[1].Value;
        http.Response.Headers.RetryAfter = "10";
        return Json(202, writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in payload)
            {
                writer.WriteString(name, value);
            }
            writer.WriteEndObject();
        });
    }

    private static IResult Purged(int count) => Json(200, writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("instancesDeleted", count);
        writer.WriteEndObject();
    });

    private static IResult ToResult(OperationOutcome outcome) => outcome switch
    {
        OperationOutcome.Accepted => Results.StatusCode(202),
        OperationOutcome.NotFound => Results.NotFound(),
        OperationOutcome.Gone => Results.StatusCode(410),
        OperationOutcome.Conflict => Results.StatusCode(409),
        _ => Results.BadRequest(),
    };

    private static IResult Json(int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Results.Text(buffer.ToArray(), "application/json; charset=utf-8", status);
    }

    private static bool Flag(string? value, bool fallback) => bool.TryParse(value, out var flag) ? flag : fallback;

    private static async Task<(bool Valid, string? Json)> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (true, null);
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return (true, document.RootElement.GetRawText());
        }
        catch (JsonException)
        {
            return (false, null);
        }
    }

    private static bool TryReadQuery(HttpRequest request, out InstanceQuery filter, out string? error)
    {
        var q = request.Query;
        filter = new InstanceQuery();
        error = null;
        var statuses = new List<string>();
        foreach (var part in q["runtimeStatus"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (RuntimeStatuses.Normalize(part) is not { } status)
            {
                error = $"'{part}' is not a runtime status ({string.Join(", ", RuntimeStatuses.All)}).";
                return false;
            }
            statuses.Add(status);
        }
        if (!TryTime(q["createdTimeFrom"], out var createdFrom) || !TryTime(q["createdTimeTo"], out var createdTo)
            || !TryTime(q["lastUpdatedTimeFrom"], out var updatedFrom) || !TryTime(q["lastUpdatedTimeTo"], out var updatedTo))
        {
            error = "Times must be ISO-8601 (for example 2026-01-31T00:00:00Z).";
            return false;
        }
        int top = 100;
        if (q["top"].FirstOrDefault() is { } topText && (!int.TryParse(topText, out top) || top < 1))
        {
            error = "top must be a positive number.";
            return false;
        }
        filter = new InstanceQuery
        {
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            UpdatedFrom = updatedFrom,
            UpdatedTo = updatedTo,
            Statuses = statuses,
            InstanceIdPrefix = q["instanceIdPrefix"].FirstOrDefault(),
            Name = q["name"].FirstOrDefault(),
            CustomStatusPrefix = q["customStatusPrefix"].FirstOrDefault(),
            Top = top,
            ContinuationToken = request.Headers[ContinuationHeader].FirstOrDefault(),
        };
        return true;
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }
        return false;
    }
}
