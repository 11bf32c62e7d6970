using System.Text.Json.Nodes;

namespace Serverless.Functions.Tests.Hasa;

/// <summary>Each HASA HTTP function has its function.json with the route of issue 6, and starters carry the durableClient binding.</summary>
public sealed class HasaFunctionJsonTests
{
    [Theory]
    [InlineData("HasaCasesCreate", "post", "hasa/cases", true)]
    [InlineData("HasaCaseEvents", "post", "hasa/cases/{caseId}/events", true)]
    [InlineData("HasaCaseApplications", "post", "hasa/cases/{caseId}/applications", true)]
    [InlineData("HasaCaseDocuments", "post", "hasa/cases/{caseId}/documents", true)]
    [InlineData("HasaCaseGet", "get", "hasa/cases/{caseId}", false)]
    [InlineData("Deadlines", "get", "deadlines", false)]
    [InlineData("OpenApi", "get", "openapi.json", false)]
    public void Function_json_declares_the_route_and_bindings(string name, string method, string route, bool starter)
    {
        var bindings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "functions", name, "function.json")))!["bindings"]!.AsArray();

        var trigger = bindings.Single(b => b!["type"]!.GetValue<string>() == "httpTrigger")!;
        Assert.Equal(("req", route, method), (trigger["name"]!.GetValue<string>(), trigger["route"]!.GetValue<string>(), trigger["methods"]![0]!.GetValue<string>()));
        Assert.Contains(bindings, b => b!["type"]!.GetValue<string>() == "http" && b["name"]!.GetValue<string>() == "res");
        Assert.Equal(starter, bindings.Any(b => b!["type"]!.GetValue<string>() == "durableClient" && b["name"]!.GetValue<string>() == "starter" && b["direction"]!.GetValue<string>() == "in"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Serverless.sln");
    }
}
