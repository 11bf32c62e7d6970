using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Client;

/// <summary>
/// Starts, queries and controls orchestration instances over the Durable Functions HTTP management API
/// (azure-contracts.md §3). Method names follow Microsoft.DurableTask.Client.DurableTaskClient.
/// </summary>
public sealed class DurableClient(
    HttpClient httpClient, DurableClientOptions options, DataConverter? converter = null, TimeProvider? timeProvider = null)
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private readonly ManagementUrls _urls = new(options);
    private readonly DataConverter _converter = converter ?? JsonDataConverter.Default;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Starts an instance and returns its id. Starting an id that already exists (409) returns that id:
    /// the existing instance stands, no second one is created.</summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        string path = "orchestrators/" + ManagementUrls.Segment(orchestratorName.Name);
        if (options?.InstanceId is { } requestedId)
        {
            path += "/" + ManagementUrls.Segment(requestedId);
        }

        using var response = await SendAsync(HttpMethod.Post, _urls.Build(path), _converter.Serialize(input), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && options?.InstanceId is { } existingId)
        {
            return existingId;
        }

        await EnsureSuccessAsync(response, $"start '{orchestratorName.Name}'", cancellationToken);
        var payload = await ReadAsync(response, DurableClientJsonContext.Default.HttpManagementPayload, cancellationToken);
        // A requested id wins over the echoed one: servers may echo it with path escaping left in (%2F).
        return options?.InstanceId ?? payload.Id;
    }

    /// <summary>The instance's status, or null when the API does not know it (404).</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(
        string instanceId, bool getInputsAndOutputs = false, bool showHistory = false, CancellationToken cancellationToken = default)
    {
        string url = _urls.Build(
            "instances/" + ManagementUrls.Segment(instanceId),
            ("showHistory", showHistory ? "true" : null),
            ("showHistoryOutput", showHistory && getInputsAndOutputs ? "true" : null),
            ("showInput", getInputsAndOutputs ? "true" : null));
        using var response = await SendAsync(HttpMethod.Get, url, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"get status of '{instanceId}'", cancellationToken);
        return OrchestrationMetadata.FromPayload(await ReadAsync(response, DurableClientJsonContext.Default.StatusPayload, cancellationToken));
    }

    /// <summary>One page of instances matching <paramref name="query"/>.</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        string url = _urls.Build(
            "instances",
            ("createdTimeFrom", Format(query.CreatedFrom)),
            ("createdTimeTo", Format(query.CreatedTo)),
            ("runtimeStatus", Format(query.Statuses)),
            ("instanceIdPrefix", query.InstanceIdPrefix),
            ("showInput", query.FetchInputsAndOutputs ? "true" : null),
            ("top", query.PageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, query.ContinuationToken);
        }

        using var response = await httpClient.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "query instances", cancellationToken);
        var payloads = await ReadAsync(response, DurableClientJsonContext.Default.StatusPayloadArray, cancellationToken);
        string? token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
        return new OrchestrationQueryPage(
            payloads.Select(OrchestrationMetadata.FromPayload).ToList(),
            string.IsNullOrEmpty(token) || token == "null" ? null : token);
    }

    /// <summary>Every instance matching <paramref name="query"/>, following continuation tokens page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = await QueryInstancesAsync(query, cancellationToken);
        while (true)
        {
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            page = await QueryInstancesAsync(query with { ContinuationToken = page.ContinuationToken }, cancellationToken);
        }
    }

    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default) =>
        PostAsync(
            _urls.Build($"instances/{ManagementUrls.Segment(instanceId)}/raiseEvent/{ManagementUrls.Segment(eventName)}"),
            _converter.Serialize(eventPayload), $"raise '{eventName}' on '{instanceId}'", cancellationToken);

    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, "terminate", reason, cancellationToken);

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, "suspend", reason, cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, "resume", reason, cancellationToken);

    /// <summary>Restarts a failed instance from its last failed step.</summary>
    public Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        Control(instanceId, "rewind", reason, cancellationToken);

    /// <summary>Deletes the instance and its history; 0 when it did not exist.</summary>
    public Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        PurgeAsync(_urls.Build("instances/" + ManagementUrls.Segment(instanceId)), cancellationToken);

    public Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) =>
        PurgeAsync(
            _urls.Build(
                "instances",
                ("createdTimeFrom", Format(filter.CreatedFrom)),
                ("createdTimeTo", Format(filter.CreatedTo)),
                ("runtimeStatus", Format(filter.Statuses))),
            cancellationToken);

    /// <summary>Polls the status every <see cref="DurableClientOptions.PollingInterval"/> until the instance has
    /// completed, failed, been terminated or canceled.</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var status = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken: cancellationToken)
                ?? throw new DurableClientException(HttpStatusCode.NotFound, $"Instance '{instanceId}' does not exist.");
            if (status.IsCompleted)
            {
                return status;
            }

            await Task.Delay(options.PollingInterval, _time, cancellationToken);
        }
    }

    /// <summary>The URLs an outside caller uses to follow and control <paramref name="instanceId"/>.</summary>
    public HttpManagementPayload CreateHttpManagementPayload(string instanceId)
    {
        string instance = "instances/" + ManagementUrls.Segment(instanceId);
        return new HttpManagementPayload(
            instanceId,
            _urls.Build(instance),
            _urls.Template(instance + "/raiseEvent/{eventName}"),
            _urls.Template(instance + "/terminate", "reason={text}"),
            _urls.Build(instance),
            _urls.Template(instance + "/rewind", "reason={text}"),
            _urls.Template(instance + "/suspend", "reason={text}"),
            _urls.Template(instance + "/resume", "reason={text}"));
    }

    /// <summary>202 Accepted with <c>Location</c>, <c>Retry-After: 10</c> and the management payload.</summary>
    public CheckStatusResponse CreateCheckStatusResponse(string instanceId)
    {
        var payload = CreateHttpManagementPayload(instanceId);
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["Location"] = payload.StatusQueryGetUri,
            ["Retry-After"] = "10",
        };
        string body = JsonSerializer.Serialize(payload, DurableClientJsonContext.Default.HttpManagementPayload);
        return new CheckStatusResponse(202, headers, body, payload);
    }

    private Task Control(string instanceId, string operation, string? reason, CancellationToken cancellationToken) =>
        PostAsync(
            _urls.Build($"instances/{ManagementUrls.Segment(instanceId)}/{operation}", ("reason", reason)),
            null, $"{operation} '{instanceId}'", cancellationToken);

    private async Task PostAsync(string url, string? json, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, url, json, cancellationToken);
        await EnsureSuccessAsync(response, what, cancellationToken);
    }

    private async Task<PurgeResult> PurgeAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, url, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new PurgeResult(0);
        }

        await EnsureSuccessAsync(response, "purge", cancellationToken);
        var payload = await ReadAsync(response, DurableClientJsonContext.Default.PurgeHistoryPayload, cancellationToken);
        return new PurgeResult(payload.InstancesDeleted);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await httpClient.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        string reason = response.StatusCode switch
        {
            HttpStatusCode.NotFound => "the instance does not exist",
            HttpStatusCode.Gone => "the instance has already completed, failed or been terminated",
            HttpStatusCode.BadRequest => "the request was rejected as invalid",
            _ => "the management API answered with an error",
        };
        throw new DurableClientException(
            response.StatusCode, $"Could not {what}: {reason} ({(int)response.StatusCode}). {body}".TrimEnd());
    }

    private static async Task<T> ReadAsync<T>(
        HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken)
            ?? throw new FormatException("The management API answered with an empty body.");
    }

    private static string? Format(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Format(IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses) =>
        statuses is null || statuses.Count == 0 ? null : string.Join(",", statuses);
}
