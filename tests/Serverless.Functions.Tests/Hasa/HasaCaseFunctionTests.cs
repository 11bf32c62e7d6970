using System.Text.Json.Nodes;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Hasa;

/// <summary>The HASA agency forms through the handler, as the Functions host invokes them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HasaCaseFunctionTests(AzuriteFixture azurite)
{
    private static JsonObject Event(string type, string on, Action<JsonObject>? more = null)
    {
        var body = new JsonObject { ["type"] = type, ["occurredOn"] = on };
        more?.Invoke(body);
        return body;
    }

    private static JsonObject Referral(string on, string option) => Event("ReferralMade", on, b =>
    {
        b["optionId"] = option;
        b["needsConsidered"] = new JsonArray("medical", "educational", "familial", "social");
    });

    [Fact]
    public async Task Creating_a_case_answers_202_with_status_urls_and_starts_the_housing_workflow_with_the_case_id_as_instance_id()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);

        var answer = await handler.CreateCaseAsync("C-201", HasaHandler.Staff);

        Assert.Equal(202, answer.Status);
        Assert.Contains("/instances/C-201", answer.Headers["Location"]);
        Assert.Equal("10", answer.Headers["Retry-After"]);
        Assert.Equal("C-201", answer.Json["id"]!.GetValue<string>());
        Assert.Contains("/instances/C-201", answer.Json["statusQueryGetUri"]!.GetValue<string>());
        var start = Assert.Single(handler.Management.Starts);
        Assert.Equal(("HasaHousingReferral", "C-201"), (start.Orchestrator, start.InstanceId));
        Assert.Equal("C-201", JsonNode.Parse(start.Body)!["CaseId"]!.GetValue<string>());
        var deadlines = answer.Json["deadlines"]!.AsArray();
        Assert.Contains(deadlines, d => d!["rule"]!.GetValue<string>() == "hasa.application-assistance" && d["due"]!.GetValue<string>() == "2026-03-16");
        Assert.DoesNotContain("Test Client", answer.Body);
    }

    [Fact]
    public async Task Bad_input_answers_400_problem_json_with_every_field_error()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);

        var answer = await handler.InvokeAsync("HasaCasesCreate", "POST", "hasa/cases",
            new JsonObject { ["caseId"] = "bad id!", ["household"] = "couple", ["eligibilityDeterminedOn"] = "2026-05-01" }, HasaHandler.Staff);

        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.Headers["Content-Type"]);
        var errors = answer.Json["errors"]!.AsObject();
        Assert.Equal(["caseId", "clientId", "eligibilityDeterminedOn", "homeless", "household", "office"], errors.Select(e => e.Key).Order());
        Assert.Contains("must not be after today (2026-04-20)", errors["eligibilityDeterminedOn"]![0]!.GetValue<string>());
        Assert.Empty(handler.Management.Starts);
    }

    [Fact]
    public async Task Without_a_valid_token_the_answer_is_401_and_a_wrong_role_or_office_is_403()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-202", HasaHandler.Staff);

        Assert.Equal(401, (await handler.GetCaseAsync("C-202", token: "not-a-token")).Status);
        Assert.Equal(401, (await handler.GetCaseAsync("C-202", token: HasaHandler.Staff[..^4] + "AAAA")).Status);
        Assert.Equal(403, (await handler.GetCaseAsync("C-202", HasaHandler.Token("cw", "Jerome", "caseworker"))).Status);
        Assert.Equal(403, (await handler.GetCaseAsync("C-202", HasaHandler.Token("bo", "Amsterdam", "hasa-staff"))).Status);
        Assert.Equal(200, (await handler.GetCaseAsync("C-202", HasaHandler.Token("sue", "Jerome", "supervisor"))).Status);

        var audit = await handler.Services.Audit.ForRecordAsync("C-202");
        Assert.Contains(audit, a => a.Who == "bo" && a.Outcome == "forbidden" && a.Purpose == "case management");
        Assert.Contains(audit, a => a.Who == "sue" && a.Action == "read");
    }

    [Fact]
    public async Task Events_are_recorded_with_their_deadlines_and_wake_the_case_workflow()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-203", HasaHandler.Staff);

        var placed = await handler.EventAsync("C-203", Event("EmergencyPlacement", "2026-03-05"));
        var documented = await handler.EventAsync("C-203", Event("DocumentationCompleted", "2026-04-11"));

        Assert.Equal((201, 201), (placed.Status, documented.Status));
        Assert.Equal(2, handler.Management.Raised.Count(r => r.InstanceId == "C-203" && r.EventName == "CaseChanged"));
        var read = await handler.GetCaseAsync("C-203");
        Assert.Equal(200, read.Status);
        var first = read.Json["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "hasa.first-referral")!;
        Assert.Equal(("2026-06-03", "2026-06-03", "open", "NYC Admin. Code §21-128(c)(2)(c)"),
            (first["due"]!.GetValue<string>(), first["target"]!.GetValue<string>(), first["status"]!.GetValue<string>(), first["citation"]!.GetValue<string>()));
        Assert.Contains("the later event never moves it", first["explanation"]!.GetValue<string>());
        Assert.Equal(3, read.Json["timeline"]!.AsArray().Count);
        Assert.Equal("first referral due", read.Json["housing"]!["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_contradicting_the_case_is_409_with_the_reason_and_an_unknown_case_is_404()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-204", HasaHandler.Staff);
        await handler.EventAsync("C-204", Event("EmergencyPlacement", "2026-03-05"));
        Assert.Equal(201, (await handler.EventAsync("C-204", Referral("2026-04-01", "congregate-3"))).Status);

        var again = await handler.EventAsync("C-204", Referral("2026-04-15", "congregate-3"));
        var termination = await handler.EventAsync("C-204", Event("TerminationRequested", "2026-04-16", b => b["ground"] = "cannot-be-located"));
        var unknown = await handler.EventAsync("C-999", Event("EmergencyPlacement", "2026-03-05"));
        var future = await handler.EventAsync("C-204", Event("EmergencyPlacement", "2026-04-21"));
        var partial = await handler.EventAsync("C-204", Event("ReferralMade", "2026-04-15", b => b["needsConsidered"] = new JsonArray("medical")));

        Assert.Equal(409, again.Status);
        Assert.Equal("a referral to another option is required (§21-128(c)(2)(d)); this option was referred on 2026-04-01", again.Json["detail"]!.GetValue<string>());
        Assert.Equal(409, termination.Status);
        Assert.StartsWith("termination for cannot-be-located needs a commissioner certification", termination.Json["detail"]!.GetValue<string>());
        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, future.Status);
        Assert.Contains("occurredOn", future.Json["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["needsConsidered", "optionId"], partial.Json["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_the_same_answer_and_records_one_event()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-205", HasaHandler.Staff);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "form-77" };

        var first = await handler.EventAsync("C-205", Event("EmergencyPlacement", "2026-03-05"), headers: key);
        var retry = await handler.EventAsync("C-205", Event("EmergencyPlacement", "2026-03-05"), headers: key);
        var reused = await handler.EventAsync("C-205", Event("EmergencyPlacement", "2026-03-06"), headers: key);

        Assert.Equal((201, 201, 409), (first.Status, retry.Status, reused.Status));
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(2, (await handler.Services.Store.ReadLogAsync("C-205")).Count);
        Assert.Single(handler.Management.Raised, r => r.InstanceId == "C-205");
    }

    [Fact]
    public async Task Applications_and_documents_get_a_receipt_at_once_with_a_stable_number()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-206", HasaHandler.Staff);
        var route = new Dictionary<string, string?> { ["caseId"] = "C-206" };
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "app-1" };
        var application = new JsonObject
        {
            ["receivedOn"] = "2026-04-01", ["channel"] = "oral", ["itemsReceived"] = new JsonArray("identity"),
            ["benefits"] = new JsonArray(new JsonObject { ["benefit"] = "home-care" }),
        };

        var applied = await handler.InvokeAsync("HasaCaseApplications", "POST", "hasa/cases/C-206/applications", application, HasaHandler.Staff, route, headers: key);
        var retried = await handler.InvokeAsync("HasaCaseApplications", "POST", "hasa/cases/C-206/applications", application, HasaHandler.Staff, route, headers: key);
        var documents = await handler.InvokeAsync("HasaCaseDocuments", "POST", "hasa/cases/C-206/documents",
            new JsonObject { ["receivedOn"] = "2026-04-03", ["channel"] = "written", ["itemsReceived"] = new JsonArray("medical-documentation") }, HasaHandler.Staff, route);

        Assert.Equal((201, 201, 201), (applied.Status, retried.Status, documents.Status));
        var receipt = applied.Json["receipt"]!;
        Assert.Equal("R-C-206-0001", receipt["receiptNumber"]!.GetValue<string>());
        Assert.Equal(receipt.ToJsonString(), retried.Json["receipt"]!.ToJsonString());
        var line = receipt["benefits"]![0]!;
        Assert.Equal((false, "medical-documentation"), (line["complete"]!.GetValue<bool>(), line["missingItems"]![0]!.GetValue<string>()));
        var second = documents.Json["receipt"]!;
        Assert.Equal(("R-C-206-0002", true), (second["receiptNumber"]!.GetValue<string>(), second["benefits"]![0]!["complete"]!.GetValue<bool>()));
        Assert.Contains(handler.Management.Starts, s => s.Orchestrator == "HasaBenefitApplication" && s.InstanceId == "C-206.application.home-care");
        var read = await handler.GetCaseAsync("C-206");
        var provision = read.Json["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "hasa.benefit-provision")!;
        Assert.Equal("2026-05-01", provision["due"]!.GetValue<string>());
    }

    [Fact]
    public async Task Contact_lost_starts_the_termination_guard()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-207", HasaHandler.Staff);

        var lost = await handler.EventAsync("C-207", Event("ContactLost", "2026-04-01"));

        Assert.Equal(201, lost.Status);
        Assert.Contains(handler.Management.Starts, s => s.Orchestrator == "HasaTerminationGuard" && s.InstanceId == "C-207.termination");
        Assert.Contains(lost.Json["deadlines"]!.AsArray(), d => d!["rule"]!.GetValue<string>() == "hasa.locate-search-minimum" && d["due"]!.GetValue<string>() == "2026-06-30");
    }

    [Fact]
    public async Task Deadlines_are_listed_for_staff_of_the_office_paged_and_refused_to_caseworkers()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        foreach (var id in new[] { "C-301", "C-302" })
        {
            await handler.CreateCaseAsync(id, HasaHandler.Staff);
        }

        var page1 = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Staff,
            query: new() { ["status"] = "missed", ["pageSize"] = "3", ["dueBefore"] = "2026-04-01" }, withStarter: false);
        var page2 = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Staff,
            query: new() { ["status"] = "missed", ["pageSize"] = "3", ["dueBefore"] = "2026-04-01", ["continuationToken"] = page1.Json["continuationToken"]!.GetValue<string>() }, withStarter: false);
        var auditor = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Token("aud", "HQ", "auditor"), withStarter: false);
        var caseworker = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Token("cw", "Jerome", "caseworker"), withStarter: false);
        var bad = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Staff, query: new() { ["status"] = "late", ["pageSize"] = "0" }, withStarter: false);

        Assert.Equal((200, 200, 200, 403, 400), (page1.Status, page2.Status, auditor.Status, caseworker.Status, bad.Status));
        var rows = page1.Json["items"]!.AsArray().Concat(page2.Json["items"]!.AsArray()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("missed", r!["status"]!.GetValue<string>()));
        Assert.All(rows, r => Assert.NotNull(r!["missedAt"]));
        Assert.Null(page2.Json["continuationToken"]);
        Assert.Equal(4, auditor.Json["items"]!.AsArray().Count);
        Assert.Equal(["pageSize", "status"], bad.Json["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Open_deadlines_past_their_warning_time_are_listed_and_a_miss_is_escalated_to_the_office_supervisors()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        // on 2026-04-20: placed 02-10, the first referral is due 05-11 and its 70% warning (day 63) passed on 04-14;
        // placed 03-02, it is due 05-31 and warns on 05-04
        await handler.CreateCaseAsync("C-311", HasaHandler.Staff, eligible: "2026-02-10");
        await handler.EventAsync("C-311", Event("EmergencyPlacement", "2026-02-10"));
        await handler.CreateCaseAsync("C-312", HasaHandler.Staff);
        await handler.EventAsync("C-312", Event("EmergencyPlacement", "2026-03-02"));

        var warning = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Staff, query: new() { ["inWarning"] = "true" }, withStarter: false);
        var contradiction = await handler.InvokeAsync("Deadlines", "GET", "deadlines", token: HasaHandler.Staff, query: new() { ["inWarning"] = "true", ["status"] = "missed" }, withStarter: false);
        var read = await handler.GetCaseAsync("C-311");

        Assert.Equal((200, 400), (warning.Status, contradiction.Status));
        var rows = warning.Json["items"]!.AsArray().Select(r => (r!["caseId"]!.GetValue<string>(), r["rule"]!.GetValue<string>(), r["status"]!.GetValue<string>())).ToList();
        Assert.Contains(("C-311", "hasa.first-referral", "open"), rows);
        Assert.DoesNotContain(rows, r => r.Item1 == "C-312");
        Assert.All(rows, r => Assert.Equal("open", r.Item3));
        var assistance = read.Json["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "hasa.application-assistance")!;
        Assert.Equal(("missed", "supervisors:Jerome"), (assistance["status"]!.GetValue<string>(), assistance["escalatedTo"]!.GetValue<string>()));
        Assert.Contains(assistance["history"]!.AsArray(), h => h!["kind"]!.GetValue<string>() == "escalation" && h["reason"]!.GetValue<string>().Contains("Jerome supervisors"));
        var first = read.Json["deadlines"]!.AsArray().Single(d => d!["rule"]!.GetValue<string>() == "hasa.first-referral")!;
        Assert.Null(first["escalatedTo"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);

        var answer = await handler.InvokeAsync("OpenApi", "GET", "openapi.json", withStarter: false);

        Assert.Equal(200, answer.Status);
        Assert.Equal("3.1.0", answer.Json["openapi"]!.GetValue<string>());
        Assert.Equal(["/deadlines", "/hasa/cases", "/hasa/cases/{caseId}", "/hasa/cases/{caseId}/applications", "/hasa/cases/{caseId}/documents", "/hasa/cases/{caseId}/events", "/openapi.json"],
            answer.Json["paths"]!.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task The_refresh_activity_runs_in_the_handler_against_the_case_store_and_records_misses_on_the_ledger()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        await handler.CreateCaseAsync("C-208", HasaHandler.Staff);
        await handler.EventAsync("C-208", Event("EmergencyPlacement", "2026-03-05"));

        var answer = await handler.InvokeActivityAsync("RefreshHasaCase", new JsonObject { ["CaseId"] = "C-208", ["AsOfUtc"] = "2026-06-04T04:00:00Z" }, "C-208");

        Assert.Equal("first referral due", answer["Housing"]!["Step"]!.GetValue<string>());
        Assert.Equal("2026-03-02", answer["Housing"]!["NextDue"]!.GetValue<string>());
        var row = await handler.Services.Ledger.GetAsync(new Serverless.Workflows.Ledger.DeadlineKey("HASA", "Jerome", "C-208.first-referral"));
        Assert.Equal(Serverless.Workflows.Ledger.DeadlineStatus.Missed, row!.Status);
    }

    [Fact]
    public async Task Retrying_a_case_creation_with_its_key_answers_the_same_and_a_taken_case_id_is_409()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "intake-1" };

        var first = await handler.CreateCaseAsync("C-209", HasaHandler.Staff, headers: key);
        var retry = await handler.CreateCaseAsync("C-209", HasaHandler.Staff, headers: key);
        var taken = await handler.CreateCaseAsync("C-209", HasaHandler.Staff);

        Assert.Equal((202, 202, 409), (first.Status, retry.Status, taken.Status));
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal("case C-209 already exists", taken.Json["detail"]!.GetValue<string>());
        Assert.Single(await handler.Services.Store.ReadLogAsync("C-209"));
    }

    [Fact]
    public async Task The_housing_orchestrator_is_served_by_the_handler_and_first_asks_for_a_refresh()
    {
        await using var handler = await HasaHandler.StartAsync(azurite);
        var at = new DateTime(2026, 4, 20, 14, 0, 0, DateTimeKind.Utc);
        var request = new Serverless.Durable.Protocol.OrchestratorRequest { InstanceId = "C-210" };
        request.NewEvents.Add(Serverless.Durable.Testing.HistoryEvents.OrchestratorStarted(at));
        request.NewEvents.Add(Serverless.Durable.Testing.HistoryEvents.ExecutionStarted(at, "HasaHousingReferral", "{\"CaseId\":\"C-210\",\"Cycle\":0}", "C-210"));

        var response = await handler.InvokeOrchestratorAsync("HasaHousingReferral", request);

        var action = Assert.Single(response.Actions);
        Assert.Equal("RefreshHasaCase", action.ScheduleTask.Name);
        Assert.Equal("C-210", JsonNode.Parse(action.ScheduleTask.Input)!["CaseId"]!.GetValue<string>());
    }
}
