namespace Serverless.Workflows.Clocks;

/// <summary>rules.json is invalid; the message names the entry and the field.</summary>
public sealed class RuleBookException(string? ruleId, string field, string problem)
    : Exception($"rules.json: entry '{ruleId ?? "(file)"}' field '{field}': {problem}")
{
    public string? RuleId { get; } = ruleId;
    public string Field { get; } = field;
}
