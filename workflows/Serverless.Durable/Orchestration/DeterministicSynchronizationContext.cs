namespace Serverless.Durable.Orchestration;

/// <summary>
/// Runs every continuation of orchestrator code on the executor's thread, in the order it was posted,
/// and only when the executor drains the queue between two history events.
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
