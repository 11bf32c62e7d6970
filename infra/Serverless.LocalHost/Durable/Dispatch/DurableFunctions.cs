using Serverless.LocalHost.FunctionsHost.Configuration;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>The app's orchestrator and activity functions, by name (case-insensitive, as the extension matches them).</summary>
public sealed class DurableFunctions(IReadOnlyList<FunctionDefinition> functions)
{
    public FunctionDefinition? Orchestrator(string name) => Find(name, "orchestrationTrigger");

    public FunctionDefinition? Activity(string name) => Find(name, "activityTrigger");

    public bool Any => functions.Any(f => f.Trigger is DurableBinding { IsTrigger: true });

    private FunctionDefinition? Find(string name, string type) => functions.FirstOrDefault(f =>
        f.Trigger is DurableBinding binding && string.Equals(binding.BindingType, type, StringComparison.OrdinalIgnoreCase)
        && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
