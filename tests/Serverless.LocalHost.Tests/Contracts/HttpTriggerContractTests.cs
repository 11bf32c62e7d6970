using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Serverless.LocalHost.Tests.Support;

namespace Serverless.LocalHost.Tests.Contracts;

[Collection(LocalHostCollection.Name)]
public sealed class HttpTriggerContractTests(LocalHostFixture fixture)
{
    private string FunctionKey => fixture.Host.Keys.FunctionKeys("Echo")[0].Value;

    [Fact]
    public async Task Request_reaches_the_handler_as_Data_req_with_route_params_query_headers_and_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/echo/42?name=Ada&status=201")
        {
            Content = new StringContent("{\"caseId\":\"C-1\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", FunctionKey);
        request.Headers.Add("X-Test", "hello");

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("yes", response.Headers.GetValues("X-Echo").Single());
        var echo = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var req = echo["req"]!;
        Assert.Equal("POST", req["Method"]!.GetValue<string>());
        Assert.EndsWith("/api/echo/42?name=Ada&status=201", req["Url"]!.GetValue<string>());
        Assert.Equal("Ada", req["Query"]!["name"]!.GetValue<string>());
        Assert.Equal("42", req["Params"]!["id"]!.GetValue<string>());
        Assert.Equal("hello", req["Headers"]!["X-Test"]![0]!.GetValue<string>());
        Assert.Equal("{\"caseId\":\"C-1\"}", req["Body"]!.GetValue<string>());
        var sys = echo["metadata"]!["sys"]!;
        Assert.Equal("Echo", sys["MethodName"]!.GetValue<string>());
        Assert.True(Guid.TryParse(sys["RandGuid"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(sys["UtcNow"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Function_key_is_accepted_from_the_code_query_parameter_and_the_admin_key_works_too()
    {
        using var byCode = await fixture.Http.GetAsync($"api/echo/1?code={Uri.EscapeDataString(FunctionKey)}");
        using var byMaster = await fixture.Http.GetAsync($"api/echo/1?code={LocalHostFixture.AdminKey}");

        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byMaster.StatusCode);
    }

    [Fact]
    public async Task Missing_or_wrong_function_key_is_401_problem_json()
    {
        using var missing = await fixture.Http.GetAsync("api/echo/1");
        using var wrong = await fixture.Http.GetAsync("api/echo/1?code=not-a-key");

        foreach (var response in new[] { missing, wrong })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Admin_level_function_requires_the_master_key_not_a_function_key()
    {
        using var withFunctionKey = await fixture.Http.GetAsync($"api/admin-only?code={Uri.EscapeDataString(FunctionKey)}");
        using var withMaster = new HttpRequestMessage(HttpMethod.Get, "api/admin-only");
        withMaster.Headers.Add("x-functions-key", LocalHostFixture.AdminKey);
        using var allowed = await fixture.Http.SendAsync(withMaster);

        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("admin ok", await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_route_is_404_problem_json()
    {
        using var response = await fixture.Http.GetAsync("api/no-such-function");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(404, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Method_not_listed_in_function_json_is_405_problem_json()
    {
        using var response = await fixture.Http.DeleteAsync($"api/echo/1?code={Uri.EscapeDataString(FunctionKey)}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Route_constraint_rejects_a_non_matching_segment_with_404()
    {
        using var response = await fixture.Http.GetAsync($"api/echo/not-a-number?code={Uri.EscapeDataString(FunctionKey)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_and_never_reaches_the_handler()
    {
        var body = new string('x', (int)LocalHostFixture.BodyLimit + 1);
        using var response = await fixture.Http.PostAsync($"api/echo/1?code={Uri.EscapeDataString(FunctionKey)}", new StringContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Handler_exceeding_functionTimeout_gives_504_problem_json()
    {
        var started = DateTime.UtcNow;
        using var response = await fixture.Http.GetAsync("api/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("Timeout value of 00:00:03 was exceeded by function: Functions.Slow", problem["detail"]!.GetValue<string>());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Handler_answering_non_2xx_gives_500_problem_json()
    {
        using var response = await fixture.Http.GetAsync("api/Broken");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("500", (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }
}
