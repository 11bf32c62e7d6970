using Serverless.Durable.Activities;
using Serverless.Durable.Orchestration;

namespace Serverless.Durable.Hosting;

/// <summary>Whether a registered function is an orchestrator or an activity.</summary>
public enum DurableFunctionKind
{
    Orchestrator,
    Activity,
}

/// <summary>A registered function: its name (the function folder and route) and its kind.</summary>
public sealed record DurableFunction(string Name, DurableFunctionKind Kind);

/// <summary>Orchestrators and activities by function name (case-insensitive, like Functions names).</summary>
public sealed class DurableFunctionRegistry
{
    private readonly Dictionary<string, Func<ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DurableFunction> _functions = [];

    public IReadOnlyList<DurableFunction> Functions => _functions;

    public DurableFunctionRegistry AddOrchestrator(string name, Func<ITaskOrchestrator> factory)
    {
        EnsureNew(name);
        _orchestrators.Add(name, factory);
        _functions.Add(new DurableFunction(name, DurableFunctionKind.Orchestrator));
        return this;
    }

    public DurableFunctionRegistry AddOrchestrator<T>() where T : ITaskOrchestrator, new() =>
        AddOrchestrator(typeof(T).Name, static () => new T());

    public DurableFunctionRegistry AddOrchestratorFunc<TInput, TOutput>(
        string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) =>
        AddOrchestrator(name, () => new FuncTaskOrchestrator<TInput, TOutput>(run));

    public DurableFunctionRegistry AddActivity(string name, Func<ITaskActivity> factory)
    {
        EnsureNew(name);
        _activities.Add(name, factory);
        _functions.Add(new DurableFunction(name, DurableFunctionKind.Activity));
        return this;
    }

    public DurableFunctionRegistry AddActivity<T>() where T : ITaskActivity, new() =>
        AddActivity(typeof(T).Name, static () => new T());

    public DurableFunctionRegistry AddActivityFunc<TInput, TOutput>(
        string name, Func<TaskActivityContext, TInput, Task<TOutput>> run) =>
        AddActivity(name, () => new FuncTaskActivity<TInput, TOutput>(run));

    public bool TryCreateOrchestrator(string name, out ITaskOrchestrator orchestrator)
    {
        if (_orchestrators.TryGetValue(name, out var factory))
        {
            orchestrator = factory();
            return true;
        }

        orchestrator = null!;
        return false;
    }

    public bool TryCreateActivity(string name, out ITaskActivity activity)
    {
        if (_activities.TryGetValue(name, out var factory))
        {
            activity = factory();
            return true;
        }

        activity = null!;
        return false;
    }

    private void EnsureNew(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_orchestrators.ContainsKey(name) || _activities.ContainsKey(name))
        {
            throw new ArgumentException($"A durable function named '{name}' is already registered.", nameof(name));
        }
    }
}
