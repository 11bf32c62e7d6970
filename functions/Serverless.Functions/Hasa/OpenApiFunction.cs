using Serverless.Functions.Invocations;

namespace Serverless.Functions.Hasa;

/// <summary><c>GET /api/openapi.json</c>: the API's OpenAPI document, no token needed (it holds no case data).</summary>
public static class OpenApiFunction
{
    public const string Name = "OpenApi";

    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream("Serverless.Functions.Hasa.openapi.json")
            ?? throw new InvalidOperationException("the OpenAPI document is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static InvocationResponse Invoke() => HttpAnswers.Raw(200, Document.Value);
}
