using System.Text.Json.Serialization;

namespace Serverless.Durable.Protocol;

[JsonSerializable(typeof(string))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
