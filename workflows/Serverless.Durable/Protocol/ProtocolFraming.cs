using System.Text.Json;
using Google.Protobuf;

namespace Serverless.Durable.Protocol;

/// <summary>
/// The framing the Functions host uses for the V2 protocol: protobuf bytes as base64 text. The orchestrationTrigger
/// binding value arrives as a JSON string whose content is itself a JSON string literal of that base64.
/// </summary>
public static class ProtocolFraming
{
    public static OrchestratorRequest DecodeRequest(string base64) =>
        OrchestratorRequest.Parser.ParseFrom(Convert.FromBase64String(base64));

    public static string EncodeRequest(OrchestratorRequest request) => Convert.ToBase64String(request.ToByteArray());

    public static OrchestratorResponse DecodeResponse(string base64) =>
        OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(base64));

    public static string EncodeResponse(OrchestratorResponse response) => Convert.ToBase64String(response.ToByteArray());

    /// <summary>Peels the JSON string layers off <c>Data.context</c> until the base64 text is left.</summary>
    public static string UnwrapContextBinding(JsonElement context)
    {
        if (context.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"The orchestrationTrigger binding must be a JSON string, not {context.ValueKind}.");
        }

        string text = context.GetString()!;
        // The host double-encodes; accept a single layer too so hand-written requests also work.
        for (int layer = 0; layer < 2 && text.Length > 0 && text[0] == '"'; layer++)
        {
            text = JsonSerializer.Deserialize(text, ProtocolJsonContext.Default.String)
                ?? throw new FormatException("The orchestrationTrigger binding holds a JSON null.");
        }

        return text;
    }

    /// <summary>The binding value exactly as the host sends it: a JSON string literal of the base64, as a string.</summary>
    public static string WrapContextBinding(string base64) =>
        JsonSerializer.Serialize(base64, ProtocolJsonContext.Default.String);
}
