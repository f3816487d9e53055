using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.DatasetDesign;

/// <summary>Synthesized sounds into the dataset: the one path of `asciml synth --group` and the Synthesis panel.</summary>
public static class SynthesizedSounds
{
    /// <summary>
    /// Adds synthesized sounds, with their recipes, to a group given by id (a rename meanwhile cannot create a new
    /// group), in one transaction.
    /// </summary>
    public static IReadOnlyList<Sound> AddTo(Workspace workspace, string groupId, IReadOnlyList<SynthesizedSound> sounds)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Group group = workspace.Groups.Get(groupId);
        return workspace.Sounds.AddRange(sounds.Select(s => new NewSound(group.Id, s.Name, SoundSource.Synthesized, s.Audio, SynthesisParameters: s.Parameters.ToJson())).ToList());
    }
}
