namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>A malformed host.json or function.json, naming the file and the field, so start-up stops with a clear message.</summary>
public sealed class ConfigurationException(string file, string field, string problem)
    : Exception($"{file}: {field}: {problem}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
