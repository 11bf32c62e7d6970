using Azure.Core;
using Azure.Core.Pipeline;

namespace Serverless.Storage;

/// <summary>Counts storage transactions (one per HTTP request sent, retries included, as Azure bills them).</summary>
public sealed class StorageTransactionCounter : HttpPipelineSynchronousPolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);

    public long Reset() => Interlocked.Exchange(ref _count, 0);
}
