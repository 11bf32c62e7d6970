using Serverless.Durable.Hosting;
using Serverless.Durable.Orchestration;
using Serverless.Durable.Protocol;
using Serverless.Durable.Testing;

namespace Serverless.Durable.Tests.Orchestration;

public class SubOrchestrationTests
{
    private static DurableFunctionRegistry Registry(Func<TaskOrchestrationContext, string, Task<string>> parent) =>
        new DurableFunctionRegistry()
            .AddOrchestratorFunc<string, string>("Child", (ctx, input) => input == "bad"
                ? throw new InvalidOperationException("child refused", new FormatException("bad input"))
                : Task.FromResult($"{input} via {ctx.Parent!.Name.Name}/{ctx.Parent.InstanceId}#{ctx.Parent.TaskScheduledId} as {ctx.InstanceId}"))
            .AddOrchestratorFunc("Parent", parent);

    [Fact]
    public async Task A_sub_orchestration_result_returns_to_the_parent_and_the_instance_id_option_is_used()
    {
        var registry = Registry((ctx, input) =>
            ctx.CallSubOrchestratorAsync<string>("Child", input, new SubOrchestrationOptions(InstanceId: "child-1")));

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Parent", "good", "p");

        Assert.Equal("good via Parent/p#0 as child-1", result.ReadOutput<string>());
        Assert.Equal("child-1", Assert.Single(result.History, e => e.SubOrchestrationInstanceCreated is not null)
            .SubOrchestrationInstanceCreated.InstanceId);
    }

    [Fact]
    public void Without_an_instance_id_the_child_gets_a_deterministic_one()
    {
        var history = new HistoryBuilder(Episodes.Start, "p").Started("Parent", "\"x\"");
        Task<string> Parent(TaskOrchestrationContext ctx, string input) => ctx.CallSubOrchestratorAsync<string>("Child", input);

        var first = Episodes.Run<string, string>(Parent, history);
        var second = Episodes.Run<string, string>(Parent, history);

        string id = Assert.Single(first.Actions).CreateSubOrchestration.InstanceId;
        Assert.Equal(id, Assert.Single(second.Actions).CreateSubOrchestration.InstanceId);
        Assert.Equal(32, id.Length);
    }

    [Fact]
    public async Task A_failed_sub_orchestration_throws_TaskFailedException_in_the_parent()
    {
        var registry = Registry(async (ctx, input) =>
        {
            try
            {
                return await ctx.CallSubOrchestratorAsync<string>("Child", input);
            }
            catch (TaskFailedException e)
            {
                return $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage} <- {e.FailureDetails.InnerFailureDetails!.ErrorMessage}";
            }
        });

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Parent", "bad");

        Assert.Equal("System.InvalidOperationException: child refused <- bad input", result.ReadOutput<string>());
    }

    [Fact]
    public async Task An_unhandled_sub_orchestration_failure_fails_the_parent_with_the_chain_of_causes()
    {
        var registry = Registry((ctx, input) => ctx.CallSubOrchestratorAsync<string>("Child", input));

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Parent", "bad");

        Assert.Equal(OrchestrationStatus.Failed, result.Status);
        var failure = result.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("Child", failure.ErrorMessage);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailureDetails!.ErrorType);
        Assert.Equal(typeof(FormatException).FullName, failure.InnerFailureDetails.InnerFailureDetails!.ErrorType);
    }

    [Fact]
    public async Task The_untyped_call_waits_for_the_child_without_reading_its_output()
    {
        var registry = Registry(async (ctx, input) =>
        {
            await ctx.CallSubOrchestratorAsync("Child", input);
            return "child done";
        });

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Parent", "good");

        Assert.Equal("child done", result.ReadOutput<string>());
    }

    [Fact]
    public async Task Sub_orchestrations_retry_under_a_policy()
    {
        int attempts = 0;
        var registry = new DurableFunctionRegistry()
            .AddOrchestratorFunc<object?, int>("Shaky", (_, _) => ++attempts < 3 ? throw new TimeoutException() : Task.FromResult(attempts))
            .AddOrchestratorFunc<object?, int>("Parent", (ctx, _) => ctx.CallSubOrchestratorAsync<int>(
                "Shaky", null, new SubOrchestrationOptions(new RetryPolicy(3, TimeSpan.FromSeconds(5)), "shaky-1")));

        var result = await new InMemoryOrchestrationRunner(registry).RunAsync("Parent");

        Assert.Equal(3, result.ReadOutput<int>());
        Assert.All(result.History.Where(e => e.SubOrchestrationInstanceCreated is not null),
            e => Assert.Equal("shaky-1", e.SubOrchestrationInstanceCreated.InstanceId));
    }
}
