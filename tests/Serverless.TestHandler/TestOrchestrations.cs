using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;

/// <summary>Orchestrations the durable backend tests drive through the local host.</summary>
internal static class TestOrchestrations
{
    public static DurableFunctionRegistry Registry(string markers) => new DurableFunctionRegistry()
        .AddOrchestratorFunc<string?, string[]>("HelloCities", async (context, _) =>
        {
            var results = new List<string>();
            foreach (var city in new[] { "Tokyo", "Seattle", "London" })
            {
                results.Add(await context.CallActivityAsync<string>("SayHello", city));
            }
            context.SetCustomStatus("greeted:" + results.Count);
            return [.. results];
        })
        .AddOrchestratorFunc<int, string>("LongTimer", async (context, days) =>
        {
            var due = context.CurrentUtcDateTime.AddDays(days);
            await context.CreateTimer(due, CancellationToken.None);
            return $"fired at {context.CurrentUtcDateTime:O}";
        })
        .AddOrchestratorFunc<string?, string>("AwaitApproval", async (context, _) =>
        {
            context.SetCustomStatus("waiting");
            var decision = await context.WaitForExternalEvent<string>("Approval");
            return "approved by " + decision;
        })
        .AddOrchestratorFunc<string, string>("FailThenFix", async (context, key) =>
            await context.CallActivityAsync<string>("FailUnlessFixed", key))
        .AddOrchestratorFunc<string?, string>("Evolving", async (context, _) =>
        {
            // The "deployed" version is chosen by a marker file: v2 calls a different first activity than v1 recorded.
            var step = File.Exists(Path.Combine(markers, $"deploy-v2-{context.InstanceId}")) ? "StepB" : "StepA";
            await context.CallActivityAsync<string>(step, null);
            await context.WaitForExternalEvent<string>("Go");
            return "done";
        })
        .AddOrchestratorFunc<string?, string>("Parent", async (context, _) =>
        {
            var child = await context.CallSubOrchestratorAsync<string[]>("HelloCities", null);
            return "child said " + string.Join(" ", child);
        })
        .AddOrchestratorFunc<string?, string[]>("CountedCities", async (context, _) =>
        {
            var results = new List<string>();
            foreach (var city in new[] { "Tokyo", "Seattle", "London" })
            {
                results.Add(await context.CallActivityAsync<string>("CountedHello", city));
            }
            return [.. results];
        })
        .AddOrchestratorFunc<int, int>("Accumulator", async (context, total) =>
        {
            total += await context.WaitForExternalEvent<int>("Add");
            if (total < 3)
            {
                context.ContinueAsNew(total);
                return total;
            }
            return total;
        })
        .AddActivityFunc<string, string>("SayHello", (_, city) => Task.FromResult($"Hello {city}!"))
        .AddActivityFunc<string, string>("CountedHello", (context, city) =>
        {
            // One file per execution, so tests can count duplicated executions (at-least-once delivery).
            var runs = Directory.CreateDirectory(Path.Combine(markers, "executions")).FullName;
            File.WriteAllText(Path.Combine(runs, $"{context.IdempotencyKey}_{Guid.NewGuid():N}"), city);
            return Task.FromResult($"Hello {city}!");
        })
        .AddActivityFunc<string?, string>("StepA", (_, _) => Task.FromResult("A"))
        .AddActivityFunc<string?, string>("StepB", (_, _) => Task.FromResult("B"))
        .AddActivityFunc<string, string>("FailUnlessFixed", (_, key) => File.Exists(Path.Combine(markers, $"fixed-{key}"))
            ? Task.FromResult("fixed " + key)
            : throw new InvalidOperationException($"{key} is broken"));
}
