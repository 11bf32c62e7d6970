namespace Serverless.Workflows.Clocks;

/// <summary>A clock cannot be computed from the events given (missing trigger, rule not in effect, out of range).</summary>
public sealed class ClockInputException(string message) : ArgumentException(message);
