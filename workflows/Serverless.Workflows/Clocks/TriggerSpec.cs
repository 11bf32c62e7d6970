namespace Serverless.Workflows.Clocks;

/// <summary>An event a clock can run from, optionally shifted (e.g. mailing + 5 days is deemed receipt).</summary>
public sealed record TriggerSpec(string Event, int PlusCalendarDays = 0);
