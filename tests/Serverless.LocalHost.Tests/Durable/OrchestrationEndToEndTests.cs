using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Durable;

[Collection(LocalHostCollection.Name)]
public sealed class OrchestrationEndToEndTests(LocalHostFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly DurableApi _api = new(fixture.Http, LocalHostFixture.AdminKey);

    [Fact]
    public async Task An_orchestration_calls_its_activities_through_the_handler_and_completes()
    {
        var id = await _api.StartAsync("HelloCities", "hello-" + Guid.NewGuid().ToString("N"));

        var status = await _api.WaitForStatusAsync(id, "Completed", Within);

        Assert.Equal("""["Hello Tokyo!","Hello Seattle!","Hello London!"]""", status["output"]!.ToJsonString());
        Assert.Equal("greeted:3", status["customStatus"]!.GetValue<string>());
        Assert.Equal("HelloCities", status["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sub_orchestration_answers_its_parent()
    {
        var id = await _api.StartAsync("Parent");

        var status = await _api.WaitForStatusAsync(id, "Completed", Within);

        Assert.Equal("child said Hello Tokyo! Hello Seattle! Hello London!", status["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_external_event_reaches_a_waiting_orchestration()
    {
        var id = await _api.StartAsync("AwaitApproval");
        await _api.WaitForStatusAsync(id, "Running", Within);

        using var raised = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/raiseEvent/Approval", "\"Ada\"");

        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        var status = await _api.WaitForStatusAsync(id, "Completed", Within);
        Assert.Equal("approved by Ada", status["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_function_with_a_durableClient_binding_starts_an_orchestration_through_the_binding_urls()
    {
        using var response = await fixture.Http.PostAsync("api/StartHello", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("/runtime/webhooks/durabletask/instances/", payload["statusQueryGetUri"]!.GetValue<string>());
        Assert.Contains("taskHub=TestHubName", payload["statusQueryGetUri"]!.GetValue<string>());
        await _api.WaitForStatusAsync(payload["id"]!.GetValue<string>(), "Completed", Within);
    }

    [Fact]
    public async Task A_failed_activity_fails_the_instance_and_rewind_reruns_it_from_the_failure()
    {
        var key = Guid.NewGuid().ToString("N");
        var id = await _api.StartAsync("FailThenFix", inputJson: $"\"{key}\"");
        var failed = await _api.WaitForStatusAsync(id, "Failed", Within);
        Assert.Contains($"{key} is broken", failed["output"]!.GetValue<string>());

        await File.WriteAllTextAsync(Path.Combine(fixture.MarkerDirectory, $"fixed-{key}"), "fixed");
        using var rewind = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/rewind?reason=fixed");

        Assert.Equal(HttpStatusCode.Accepted, rewind.StatusCode);
        var completed = await _api.WaitForStatusAsync(id, "Completed", Within);
        Assert.Equal($"fixed {key}", completed["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_incompatible_orchestrator_change_fails_the_instance_with_the_non_determinism_message()
    {
        var id = await _api.StartAsync("Evolving", "evolving-" + Guid.NewGuid().ToString("N"));
        await _api.WaitForStatusAsync(id, "Running", Within);
        await WaitForHistoryAsync(id, "TaskCompleted");

        await File.WriteAllTextAsync(Path.Combine(fixture.MarkerDirectory, $"deploy-v2-{id}"), "v2");
        using var go = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/raiseEvent/Go", "\"now\"");

        var failed = await _api.WaitForStatusAsync(id, "Failed", Within);
        var output = failed["output"]!.GetValue<string>();
        Assert.Contains("NonDeterministic", output);
        Assert.Contains("StepA", output);
        Assert.Contains("StepB", output);
    }

    [Fact]
    public async Task Events_raised_around_ContinueAsNew_are_carried_over_not_lost()
    {
        var id = await _api.StartAsync("Accumulator", "accumulator-" + Guid.NewGuid().ToString("N"), "0");
        await _api.WaitForStatusAsync(id, "Running", Within);

        for (int i = 0; i < 3; i++)
        {
            using var raised = await _api.SendAsync(HttpMethod.Post, $"instances/{id}/raiseEvent/Add", "1");
            Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        }

        var status = await _api.WaitForStatusAsync(id, "Completed", Within);
        Assert.Equal(3, status["output"]!.GetValue<int>());
    }

    private async Task WaitForHistoryAsync(string id, string eventType)
    {
        var deadline = DateTime.UtcNow + Within;
        while (DateTime.UtcNow < deadline)
        {
            var (_, body) = await _api.StatusAsync(id, "?showHistory=true");
            if (body?["historyEvents"]?.AsArray().Any(e => e?["EventType"]?.GetValue<string>() == eventType) == true)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{id} never recorded {eventType}.");
    }
}
