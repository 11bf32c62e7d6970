using System.Text.Json.Serialization;

namespace Serverless.LocalHost.Durable.Http;

[JsonSerializable(typeof(string))]
internal sealed partial class ManagementJson : JsonSerializerContext;
