using Asciml.Core.Storage;
using Asciml.Model.Creation;

namespace Asciml.Web.Services;

/// <summary>
/// Keeps the workspace's current model loaded (one <see cref="ModelSession"/>), reloading when it changes. Pages and
/// requests <see cref="Lease"/> the session: a page keeps a live model until it disposes its lease, even when a
/// newer model has become current meanwhile; a replaced session is disposed when its last lease ends.
/// </summary>
public sealed class ModelSessions(Workspace workspace) : IDisposable
{
    private readonly object _gate = new();
    private Holder? _current;
    private bool _disposed;

    /// <summary>Sessions loaded and not yet disposed (the current one plus replaced ones still leased).</summary>
    public int LiveSessions
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    private int _live;

    /// <summary>
    /// A lease on the current model's session, or null when the workspace has no model yet. Dispose it when done;
    /// until then its session stays usable.
    /// </summary>
    public ModelLease? Lease()
    {
        ModelEntry? entry = workspace.Models.Current;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (entry is null)
            {
                return null;
            }

            if (_current?.Session.Entry.Id != entry.Id)
            {
                ModelSession fresh = ModelSession.Open(workspace, entry); // a bad file throws here and the old session stays
                _live++;
                Retire(_current);
                _current = new Holder(fresh);
            }

            _current.Leases++;
            return new ModelLease(this, _current);
        }
    }

    internal void Release(Holder holder)
    {
        lock (_gate)
        {
            holder.Leases--;
            if (holder.Retired && holder.Leases == 0)
            {
                DisposeSession(holder);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Retire(_current);
            _current = null;
        }
    }

    private void Retire(Holder? holder)
    {
        if (holder is null)
        {
            return;
        }

        holder.Retired = true;
        if (holder.Leases == 0)
        {
            DisposeSession(holder);
        }
    }

    private void DisposeSession(Holder holder)
    {
        if (!holder.Disposed)
        {
            holder.Disposed = true;
            _live--;
            holder.Session.Dispose();
        }
    }

    internal sealed class Holder(ModelSession session)
    {
        public ModelSession Session { get; } = session;

        public int Leases { get; set; }

        public bool Retired { get; set; }

        public bool Disposed { get; set; }
    }
}

/// <summary>A page's or request's hold on a <see cref="ModelSession"/>; the session lives at least until this is disposed.</summary>
public sealed class ModelLease : IDisposable
{
    private readonly ModelSessions _owner;
    private ModelSessions.Holder? _holder;

    internal ModelLease(ModelSessions owner, ModelSessions.Holder holder)
    {
        _owner = owner;
        _holder = holder;
        Session = holder.Session;
    }

    public ModelSession Session { get; }

    public void Dispose()
    {
        ModelSessions.Holder? holder = Interlocked.Exchange(ref _holder, null);
        if (holder is not null)
        {
            _owner.Release(holder);
        }
    }
}
