using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Model.Creation;

/// <summary>Turns what a person names (an audio file path, or a workspace sound id) into a model input.</summary>
public static class SoundReference
{
    /// <summary>An existing file wins; otherwise the reference is looked up as a sound id in the workspace.</summary>
    public static MonoAudio Load(string reference, Func<Workspace>? openWorkspace = null)
    {
        if (File.Exists(reference))
        {
            return ModelInput.Load(reference);
        }

        if (openWorkspace is not null)
        {
            using Workspace workspace = openWorkspace();
            if (workspace.Sounds.Find(reference) is not null)
            {
                return workspace.Sounds.LoadModelInput(reference);
            }
        }

        throw new AscimlException($"sound '{reference}' is neither an audio file nor a sound id in the workspace: give a WAV path or an id from `asciml sound list`");
    }
}
