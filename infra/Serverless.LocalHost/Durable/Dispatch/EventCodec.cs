using System.Text.Json;
using Google.Protobuf;
using Serverless.Durable.Protocol;

namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>History events in queue messages (protobuf as base64) and JSON text helpers.</summary>
public static class EventCodec
{
    public static string Encode(HistoryEvent historyEvent) => Convert.ToBase64String(historyEvent.ToByteArray());

    public static HistoryEvent Decode(string base64) => HistoryEvent.Parser.ParseFrom(Convert.FromBase64String(base64));

    public static string JsonString(string text) => JsonSerializer.Serialize(text, Serverless.LocalHost.Durable.Http.ManagementJson.Default.String);
}
