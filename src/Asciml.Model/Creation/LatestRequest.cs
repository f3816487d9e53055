namespace Asciml.Model.Creation;

/// <summary>
/// Works on the latest request only (the play page's keyboard renders): one loop at a time, off the caller's thread;
/// requests made while it works ask for one more round with the newest of them, so a sweep of the mod wheel renders
/// where it stopped rather than every step on the way. The work asks <see cref="Superseded"/> to abandon a round early.
/// </summary>
/// <param name="work">One round: the latest request and the highest sequence number asked for so far; false stops the
/// loop (the page has gone).</param>
public sealed class LatestRequest<T>(Func<T, int, Task<bool>> work)
{
    private readonly object _gate = new();
    private T? _latest;
    private int _sequence;
    private bool _running, _again, _stopped;

    /// <summary>True while a newer request waits (or after <see cref="Stop"/>): the current round may give up.</summary>
    public bool Superseded
    {
        get
        {
            lock (_gate)
            {
                return _again || _stopped;
            }
        }
    }

    /// <summary>True while a loop is working (a request now waits for the next round rather than starting one).</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    /// <summary>Asks for a round with <paramref name="request"/>; true when this started a loop, false when one was running (it takes this next).</summary>
    public bool Request(T request, int sequence = 0)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _latest = request;
            _sequence = Math.Max(_sequence, sequence);
            if (_running)
            {
                _again = true;
                return false;
            }

            _running = true;
        }

        _ = Task.Run(LoopAsync);
        return true;
    }

    /// <summary>No further rounds (the page closed); a running round sees <see cref="Superseded"/>.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            T request;
            int sequence;
            lock (_gate)
            {
                (request, sequence, _again) = (_latest!, _sequence, false);
            }

            bool goOn = await work(request, sequence);
            lock (_gate)
            {
                if (!goOn || !_again || _stopped)
                {
                    _running = false;
                    return;
                }
            }
        }
    }
}
