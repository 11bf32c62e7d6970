using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Serverless.Functions.Access;
using Serverless.LocalHost.FunctionsHost.Admin;

namespace Serverless.Functions.Tests.Hasa;

/// <summary><c>POST /admin/dev-token</c> on the local host, and the handler accepting what it issues.</summary>
public sealed class DevTokenEndpointTests
{
    private const string AdminKey = "admin-key";
    private const string Key = HasaHandler.DevKey;

    private static async Task<(WebApplication App, bool Mapped)> HostAsync(string? environment, string? key = Key)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var settings = new Dictionary<string, string?> { [DevTokenEndpoints.EnvironmentSetting] = environment, [DevTokenEndpoints.KeySetting] = key };
        var mapped = DevTokenEndpoints.Map(app, presented => presented == AdminKey, name => settings.GetValueOrDefault(name), TimeProvider.System);
        await app.StartAsync();
        return (app, mapped);
    }

    [Fact]
    public async Task Issues_a_token_the_handler_accepts_with_the_user_roles_and_office()
    {
        var (app, mapped) = await HostAsync("Development");
        await using var _ = app;
        using var http = app.GetTestClient();
        http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);

        using var response = await http.PostAsJsonAsync("/admin/dev-token", new { user = "ana", roles = new[] { "hasa-staff" }, office = "Jerome" });

        Assert.True(mapped);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var validator = TokenSettings.CreateValidator(name => name switch
        {
            TokenSettings.DevKeySetting => Key,
            TokenSettings.EnvironmentSetting => "Development",
            _ => null,
        });
        var caller = await validator.ValidateAsync(token, CancellationToken.None);
        Assert.Equal(("ana", "Jerome"), (caller!.User, caller.Office));
        Assert.Equal(["hasa-staff"], caller.Roles);
        var wrongKey = TokenSettings.CreateValidator(name => name == TokenSettings.DevKeySetting ? Key + "x" : "Development");
        Assert.Null(await wrongKey.ValidateAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Needs_the_admin_key_and_valid_roles()
    {
        var (app, _) = await HostAsync("Development");
        await using var __ = app;
        using var http = app.GetTestClient();

        using var anonymous = await http.PostAsJsonAsync("/admin/dev-token", new { user = "ana", roles = new[] { "hasa-staff" } });
        http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        using var badRoles = await http.PostAsJsonAsync("/admin/dev-token", new { user = "ana", roles = new[] { "root" } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRoles.StatusCode);
        Assert.Contains("roles must be a non-empty array", await badRoles.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Production", Key)]
    [InlineData(null, Key)]
    [InlineData("Development", null)]
    public async Task Exists_only_in_development_with_a_key(string? environment, string? key)
    {
        var (app, mapped) = await HostAsync(environment, key);
        await using var _ = app;
        using var http = app.GetTestClient();
        http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);

        using var response = await http.PostAsJsonAsync("/admin/dev-token", new { user = "ana", roles = new[] { "hasa-staff" } });

        Assert.False(mapped);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await TokenSettings.CreateValidator(name => name == TokenSettings.EnvironmentSetting ? environment : key)
            .ValidateAsync(DevTokenEndpoints.Issue(new("ana", ["hasa-staff"], "Jerome"), Key, DateTimeOffset.UtcNow), CancellationToken.None));
    }
}
