namespace Serverless.Durable.Orchestration;

/// <summary>
/// Keeps orchestrator code on the executor's thread: continuations posted here run, in order, when the executor drains
/// the queue after each history event. The executor completes tasks synchronously (no RunContinuationsAsynchronously),
/// because an asynchronous completion would send Task.WhenAll/WhenAny continuations to the thread pool and let them
/// run after the episode moved on.
/// </summary>
internal sealed class DeterministicSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _gate = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    public void RunPending()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) item;
            lock (_gate)
            {
                if (!_queue.TryDequeue(out item))
                {
                    return;
                }
            }

            item.Callback(item.State);
        }
    }
}
