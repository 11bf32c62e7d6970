using System.Text.Json;
using Serverless.Durable.Hosting;

namespace Serverless.Durable.Tests.Hosting;

public class FunctionJsonTests
{
    private static DurableFunctionRegistry Registry() => new DurableFunctionRegistry()
        .AddOrchestratorFunc<object?, int>("CaseFlow", (_, _) => Task.FromResult(1))
        .AddActivityFunc<object?, int>("SendNotice", (_, _) => Task.FromResult(1));

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Orchestrators_and_activities_get_their_trigger_bindings()
    {
        var generated = FunctionJsonGenerator.GenerateAll(Registry());

        Assert.Equal("{\"bindings\":[{\"name\":\"context\",\"type\":\"orchestrationTrigger\",\"direction\":\"in\"}]}", Compact(generated["CaseFlow"]));
        Assert.Equal("{\"bindings\":[{\"name\":\"input\",\"type\":\"activityTrigger\",\"direction\":\"in\"}]}", Compact(generated["SendNotice"]));
    }

    [Fact]
    public void Written_folders_have_no_drift_until_one_is_edited_or_removed()
    {
        string root = Directory.CreateTempSubdirectory("function-json-").FullName;
        try
        {
            var registry = Registry();
            FunctionJsonGenerator.WriteAll(registry, root);
            Assert.Empty(FunctionJsonGenerator.FindDrift(registry, root));

            File.WriteAllText(Path.Combine(root, "CaseFlow", "function.json"), "{\"bindings\":[]}");
            Directory.Delete(Path.Combine(root, "SendNotice"), recursive: true);

            Assert.Equal(["CaseFlow", "SendNotice"], FunctionJsonGenerator.FindDrift(registry, root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Registry_rejects_duplicate_names_across_kinds_and_finds_names_case_insensitively()
    {
        var registry = Registry();

        Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("caseflow", (_, n) => Task.FromResult(n)));
        Assert.True(registry.TryCreateOrchestrator("CASEFLOW", out _));
        Assert.False(registry.TryCreateActivity("CaseFlow", out _));
        Assert.Equal([new DurableFunction("CaseFlow", DurableFunctionKind.Orchestrator), new DurableFunction("SendNotice", DurableFunctionKind.Activity)],
            registry.Functions);
    }

    [Fact]
    public void Class_registrations_use_the_class_name()
    {
        var registry = new DurableFunctionRegistry().AddOrchestrator<Nightly>().AddActivity<Ping>();

        Assert.True(registry.TryCreateOrchestrator("Nightly", out var orchestrator));
        Assert.IsType<Nightly>(orchestrator);
        Assert.True(registry.TryCreateActivity("Ping", out var activity));
        Assert.IsType<Ping>(activity);
    }

    private sealed class Nightly : Serverless.Durable.Orchestration.TaskOrchestrator<object?, int>
    {
        public override Task<int> RunAsync(Serverless.Durable.Orchestration.TaskOrchestrationContext context, object? input) =>
            Task.FromResult(0);
    }

    private sealed class Ping : Serverless.Durable.Activities.TaskActivity<object?, string>
    {
        public override Task<string> RunAsync(Serverless.Durable.Activities.TaskActivityContext context, object? input) =>
            Task.FromResult("pong");
    }
}
