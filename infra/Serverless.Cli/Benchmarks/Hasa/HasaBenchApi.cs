using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serverless.Cli.Benchmarks.Hasa;

/// <summary>The HASA HTTP API as the benchmark uses it: one development token per office, as a caseworker would hold.</summary>
internal sealed class HasaBenchApi(HttpClient http, IReadOnlyDictionary<string, string> tokens)
{
    public static async Task<HasaBenchApi> ConnectAsync(HttpClient http, string adminKey, CancellationToken ct)
    {
        var tokens = new Dictionary<string, string>();
        foreach (var office in HasaBenchCase.Offices)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "admin/dev-token")
            {
                Content = JsonContent.Create(new { user = "bench-" + office.ToLowerInvariant(), roles = new[] { "hasa-staff" }, office }),
            };
            request.Headers.Add("x-functions-key", adminKey);
            using var response = await http.SendAsync(request, ct);
            await ExpectAsync(response, HttpStatusCode.OK, "POST /admin/dev-token", ct);
            tokens[office] = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["token"]!.GetValue<string>();
        }
        return new HasaBenchApi(http, tokens);
    }

    /// <summary>The storage transactions the handler process has made since it started, from its health report.</summary>
    public async Task<long> HandlerTransactionsAsync(CancellationToken ct)
    {
        var health = await http.GetFromJsonAsync<JsonObject>("api/health", ct);
        return health!["storage"]!["transactionsSinceStart"]!.GetValue<long>();
    }

    public Task CreateAsync(HasaBenchCase c, CancellationToken ct) => SendAsync(c.Office, HttpMethod.Post, "api/hasa/cases",
        new { caseId = c.CaseId, clientId = $"P-{c.Index:D6}", office = c.Office, household = "individual", eligibilityDeterminedOn = Iso(c.Start), homeless = true },
        HttpStatusCode.Accepted, ct);

    public Task PlaceAsync(HasaBenchCase c, CancellationToken ct) => EventAsync(c, new { type = "EmergencyPlacement", occurredOn = Iso(c.PlacementOn) }, ct);

    public Task LaterEventAsync(HasaBenchCase c, CancellationToken ct) => c.Kind switch
    {
        HasaBenchKind.Referred => EventAsync(c, new { type = "ReferralMade", occurredOn = Iso(c.LaterEventOn), optionId = $"opt-{c.Index}", needsConsidered = new[] { "medical", "educational", "familial", "social" } }, ct),
        HasaBenchKind.Occupied => EventAsync(c, new { type = "NonEmergencyOccupancy", occurredOn = Iso(c.LaterEventOn) }, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>The case's ledger rows (rule, status, due) from <c>GET /api/hasa/cases/{id}</c>.</summary>
    public async Task<List<(string Rule, string Status, string Due)>> DeadlinesAsync(HasaBenchCase c, CancellationToken ct)
    {
        using var request = Request(c.Office, HttpMethod.Get, $"api/hasa/cases/{c.CaseId}");
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.OK, $"GET case {c.CaseId}", ct);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
        return [.. body["deadlines"]!.AsArray().Select(d => (d!["rule"]!.GetValue<string>(), d["status"]!.GetValue<string>(), d["due"]!.GetValue<string>()))];
    }

    /// <summary>Every (case, rule) the staff list shows as missed for an office, following continuation tokens; and the page count.</summary>
    public async Task<(List<(string CaseId, string Rule)> Rows, int Pages)> MissedAsync(string office, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        string? token = null;
        int pages = 0;
        do
        {
            var url = $"api/deadlines?office={Uri.EscapeDataString(office)}&status=missed&pageSize=1000"
                + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var request = Request(office, HttpMethod.Get, url);
            using var response = await http.SendAsync(request, ct);
            await ExpectAsync(response, HttpStatusCode.OK, "GET /api/deadlines", ct);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!;
            rows.AddRange(body["items"]!.AsArray().Select(i => (i!["caseId"]!.GetValue<string>(), i["rule"]!.GetValue<string>())));
            token = body["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);
        return (rows, pages);
    }

    private Task EventAsync(HasaBenchCase c, object body, CancellationToken ct) =>
        SendAsync(c.Office, HttpMethod.Post, $"api/hasa/cases/{c.CaseId}/events", body, HttpStatusCode.Created, ct);

    private async Task SendAsync(string office, HttpMethod method, string url, object body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = Request(office, method, url);
        request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, expected, $"{method} {url}", ct);
    }

    private HttpRequestMessage Request(string office, HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[office]);
        return request;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        if (response.StatusCode != expected)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new HasaBenchException($"{what}: {(int)response.StatusCode} (expected {(int)expected}) {text[..Math.Min(300, text.Length)]}");
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A request the benchmark made was answered with an unexpected status.</summary>
internal sealed class HasaBenchException(string message) : Exception(message);
