using System.Text;
using System.Text.Json;

namespace Serverless.Durable.Client;

/// <summary>
/// The answer an HTTP starter function gives after starting an instance: 202, <c>Location</c> = status URL,
/// <c>Retry-After: 10</c>, and the management payload as the body.
/// </summary>
public sealed record CheckStatusResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body, HttpManagementPayload Payload)
{
    /// <summary>The custom-handler form of this response: the value of <c>Outputs.res</c>
    /// (<c>{"statusCode":202,"body":"...","headers":{...}}</c>).</summary>
    public string ToCustomHandlerOutput()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", StatusCode);
            writer.WriteString("body", Body);
            writer.WriteStartObject("headers");
            foreach (var (name, value) in Headers)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
