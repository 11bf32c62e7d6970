namespace Serverless.Workflows.Clocks;

public sealed class UnknownRuleException(string id) : ArgumentException($"unknown rule '{id}'")
{
    public string RuleId { get; } = id;
}
