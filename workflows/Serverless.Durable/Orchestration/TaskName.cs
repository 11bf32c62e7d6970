namespace Serverless.Durable.Orchestration;

/// <summary>The name (and optional version) of an orchestrator or activity, as in Microsoft.DurableTask.</summary>
public readonly record struct TaskName(string Name, string? Version = null)
{
    public static implicit operator TaskName(string name) => new(name);

    public override string ToString() => Version is null ? Name : $"{Name}:{Version}";
}
