using Serverless.Durable.Protocol;

namespace Serverless.Durable.Orchestration;

/// <summary>
/// Matches raised events to waiters by case-insensitive name, first come first served.
/// Events nobody waits for yet are kept in arrival order so a later wait (or the next generation) gets them.
/// </summary>
internal sealed class ExternalEventBuffer
{
    private readonly Dictionary<string, List<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _unconsumed = [];

    public IReadOnlyList<HistoryEvent> Unconsumed => _unconsumed;

    public Task<string?> Wait(string name, CancellationToken cancellationToken)
    {
        int index = _unconsumed.FindIndex(e => string.Equals(e.EventRaised.Name, name, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _unconsumed[index];
            _unconsumed.RemoveAt(index);
            return Task.FromResult<string?>(buffered.EventRaised.Input);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<string?>(cancellationToken);
        }

        if (!_waiters.TryGetValue(name, out var waiters))
        {
            waiters = [];
            _waiters.Add(name, waiters);
        }

        var waiter = new TaskCompletionSource<string?>();
        waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (waiters.Remove(waiter))
                {
                    waiter.TrySetCanceled(cancellationToken);
                }
            });
        }

        return waiter.Task;
    }

    public void Deliver(HistoryEvent raised)
    {
        if (_waiters.TryGetValue(raised.EventRaised.Name, out var waiters) && waiters.Count > 0)
        {
            var waiter = waiters[0];
            waiters.RemoveAt(0);
            waiter.TrySetResult(raised.EventRaised.Input);
            return;
        }

        _unconsumed.Add(raised);
    }
}
