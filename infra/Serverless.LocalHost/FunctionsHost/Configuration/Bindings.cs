namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>One entry of a function.json <c>bindings</c> array, typed by its <c>type</c>.</summary>
public abstract record Binding(string Name)
{
    public abstract string Type { get; }
}

public enum AuthLevel { Anonymous, Function, Admin }

public sealed record HttpTriggerBinding(string Name, AuthLevel AuthLevel, IReadOnlyList<string> Methods, string? Route) : Binding(Name)
{
    public override string Type => "httpTrigger";
}

public sealed record HttpOutputBinding(string Name) : Binding(Name)
{
    public override string Type => "http";
}

/// <param name="Schedule">The 6-field NCRONTAB expression, after any <c>%Setting%</c> was resolved.</param>
public sealed record TimerTriggerBinding(string Name, string Schedule, bool RunOnStartup, bool UseMonitor) : Binding(Name)
{
    public override string Type => "timerTrigger";
}

public sealed record QueueTriggerBinding(string Name, string QueueName) : Binding(Name)
{
    public override string Type => "queueTrigger";
}

/// <summary>A Service Bus queue trigger, delivered locally through a storage queue stand-in of the same name.</summary>
public sealed record ServiceBusTriggerBinding(string Name, string QueueName) : Binding(Name)
{
    public override string Type => "serviceBusTrigger";
}

public sealed record QueueOutputBinding(string Name, string QueueName) : Binding(Name)
{
    public override string Type => "queue";
}

public sealed record ServiceBusOutputBinding(string Name, string QueueName) : Binding(Name)
{
    public override string Type => "serviceBus";
}

/// <summary>orchestrationTrigger, activityTrigger, entityTrigger or durableClient: served by the durable backend.</summary>
public sealed record DurableBinding(string Name, string BindingType, bool IsTrigger) : Binding(Name)
{
    public override string Type => BindingType;
}
