using Asciml.Core.Synthesis;

namespace Asciml.Core.Workspace;

public sealed partial class Workspace
{
    /// <summary>
    /// Adds synthesized sounds, with their recipes, to a group given by id (a rename meanwhile cannot create a new
    /// group), in one transaction.
    /// </summary>
    public IReadOnlyList<Sound> AddSynthesized(string groupId, IReadOnlyList<SynthesizedSound> sounds)
    {
        Group group = GetGroup(groupId);
        return AddSounds(sounds.Select(s => new NewSound(group.Id, s.Name, SoundSource.Synthesized, s.Audio, SynthesisParameters: s.Parameters.ToJson())).ToList());
    }
}
