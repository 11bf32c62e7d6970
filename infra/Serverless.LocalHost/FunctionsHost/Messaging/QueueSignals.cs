using System.Collections.Concurrent;

namespace Serverless.LocalHost.FunctionsHost.Messaging;

/// <summary>
/// Wakes a queue listener as soon as this host itself enqueues to its queue, so listeners can poll slowly when idle
/// without delaying work the host knows about.
/// </summary>
public sealed class QueueSignals
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Notify(string queueName)
    {
        var signal = _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    /// <summary>Waits for a signal or the delay, whichever comes first.</summary>
    public Task WaitAsync(string queueName, TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        return Task.WhenAny(signal.WaitAsync(cancellationToken), Task.Delay(delay, clock, cancellationToken));
    }
}
