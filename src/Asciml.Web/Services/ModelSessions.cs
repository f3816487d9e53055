using Asciml.Core.Workspace;
using Asciml.Model.Creation;

namespace Asciml.Web.Services;

/// <summary>Keeps the workspace's current model loaded (one <see cref="ModelSession"/>), reloading when it changes.</summary>
public sealed class ModelSessions(Workspace workspace) : IDisposable
{
    private readonly object _gate = new();
    private ModelSession? _session;

    /// <summary>The current model's session, or null when the workspace has no model yet.</summary>
    public ModelSession? Current()
    {
        ModelEntry? entry = workspace.CurrentModel;
        lock (_gate)
        {
            if (entry is null)
            {
                return null;
            }

            if (_session?.Entry.Id != entry.Id)
            {
                _session?.Dispose();
                _session = ModelSession.Open(workspace, entry);
            }

            return _session;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _session?.Dispose();
        }
    }
}
