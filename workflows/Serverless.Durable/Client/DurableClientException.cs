using System.Net;

namespace Serverless.Durable.Client;

/// <summary>The management API refused a request: unknown instance (404), already finished (410), bad input (400)...</summary>
public sealed class DurableClientException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}
