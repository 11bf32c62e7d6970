namespace Serverless.LocalHost.FunctionsHost.Configuration;

/// <summary>A function of the app: its folder name, its trigger and its other bindings.</summary>
public sealed record FunctionDefinition(string Name, string FilePath, Binding Trigger, IReadOnlyList<Binding> Others)
{
    public IEnumerable<T> OthersOf<T>() where T : Binding => Others.OfType<T>();

    /// <summary>The binding that carries the HTTP response: an <c>http</c> output, by name or <c>$return</c>.</summary>
    public HttpOutputBinding? HttpOutput => Others.OfType<HttpOutputBinding>().FirstOrDefault();
}
