namespace Serverless.LocalHost.Durable.Dispatch;

/// <summary>
/// What a partition knows about its earliest durable timer, so it can sleep until exactly then: unknown after the
/// partition is acquired (read the table), lowered whenever this process adds a timer.
/// </summary>
public sealed class TimerSchedule
{
    private readonly object _gate = new();
    private bool _known;
    private DateTimeOffset? _next;
    private DateTimeOffset? _addedDuringRead;
    private bool _reading;

    public bool MustRead(DateTimeOffset now)
    {
        lock (_gate)
        {
            return !_known || _next <= now;
        }
    }

    public DateTimeOffset? Next
    {
        get
        {
            lock (_gate)
            {
                return _known ? _next : null;
            }
        }
    }

    public void BeginRead()
    {
        lock (_gate)
        {
            _reading = true;
            _addedDuringRead = null;
        }
    }

    public void EndRead(DateTimeOffset? next)
    {
        lock (_gate)
        {
            _reading = false;
            _known = true;
            _next = Min(next, _addedDuringRead);
        }
    }

    public void Added(DateTimeOffset fireAt)
    {
        lock (_gate)
        {
            _next = Min(_next, fireAt);
            if (_reading)
            {
                _addedDuringRead = Min(_addedDuringRead, fireAt);
            }
        }
    }

    public void Forget()
    {
        lock (_gate)
        {
            _known = false;
        }
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
