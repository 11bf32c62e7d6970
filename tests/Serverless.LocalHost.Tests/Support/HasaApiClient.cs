using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Serverless.LocalHost.Tests.Support;

/// <summary>
/// A HASA staff member of one field office talking to a real app over HTTP only: a dev token from the host, the case
/// forms (create, events, applications and documents) and the reads (the case, the staff deadline list).
/// </summary>
internal sealed class HasaApiClient(HttpClient http, string office) : IDisposable
{
    public static readonly string[] AllNeeds = ["medical", "educational", "familial", "social"];

    public static async Task<HasaApiClient> SignInAsync(LocalFunctionsHost host, string office = "Manhattan")
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/dev-token")
        {
            Content = JsonContent.Create(new { user = "jdoe", roles = new[] { "hasa-staff" }, office }),
        };
        request.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new HasaApiClient(http, office);
    }

    public static string NewCaseId() => $"C-{Guid.NewGuid():N}"[..12];

    public static object Event(string type, string occurredOn) => new { type, occurredOn };

    /// <summary>A referral that records all four needs §21-128(c)(2)(c) requires.</summary>
    public static object Referral(string occurredOn, string optionId) =>
        new { type = "ReferralMade", occurredOn, optionId, needsConsidered = AllNeeds };

    public Task<HttpResponseMessage> CreateCaseAsync(string caseId, string eligibleOn, bool homeless = true) =>
        http.PostAsJsonAsync("api/hasa/cases", new { caseId, clientId = "P-" + caseId[2..], office, household = "individual", eligibilityDeterminedOn = eligibleOn, homeless });

    /// <summary>Opens the case (202) as of its eligibility day.</summary>
    public async Task OpenAsync(string caseId, string eligibleOn, bool homeless = true)
    {
        using var created = await CreateCaseAsync(caseId, eligibleOn, homeless);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await Describe(created));
    }

    public Task<HttpResponseMessage> PostEventAsync(string caseId, object caseEvent) => http.PostAsJsonAsync($"api/hasa/cases/{caseId}/events", caseEvent);

    /// <summary>Records an event the case must accept (201).</summary>
    public async Task RecordAsync(string caseId, object caseEvent)
    {
        using var response = await PostEventAsync(caseId, caseEvent);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
    }

    /// <summary>Posts an event the case must refuse (409); answers the reason the problem's detail gives.</summary>
    public async Task<string> RefusedAsync(string caseId, object caseEvent)
    {
        using var response = await PostEventAsync(caseId, caseEvent);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
    }

    /// <summary>Submits an application or documents (<paramref name="form"/> = "applications" or "documents"); answers the §21-128(c)(1) receipt (201).</summary>
    public async Task<JsonObject> SubmitAsync(string caseId, string form, object submission)
    {
        using var response = await http.PostAsJsonAsync($"api/hasa/cases/{caseId}/{form}", submission);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["receipt"]!.AsObject();
    }

    public async Task<JsonObject> GetCaseAsync(string caseId)
    {
        using var response = await http.GetAsync($"api/hasa/cases/{caseId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The case's deadline <c>{caseId}.{suffix}</c> as GET /api/hasa/cases/{id} shows it now.</summary>
    public async Task<HasaDeadline> DeadlineAsync(string caseId, string suffix)
    {
        var deadlines = (await GetCaseAsync(caseId))["deadlines"]!.AsArray();
        return HasaDeadline.From(Assert.Single(deadlines, d => d!["deadlineId"]!.GetValue<string>() == $"{caseId}.{suffix}")!);
    }

    /// <summary>The case's rows in the staff list GET /api/deadlines for this office with a status, as the ledger holds them.</summary>
    public async Task<IReadOnlyList<HasaDeadline>> ListAsync(string caseId, string status)
    {
        using var response = await http.GetAsync($"api/deadlines?office={office}&status={status}&pageSize=1000");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        return [.. items.Select(i => HasaDeadline.From(i!)).Where(d => d.CaseId == caseId)];
    }

    public void Dispose() => http.Dispose();

    private static async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {await response.Content.ReadAsStringAsync()}";
}
