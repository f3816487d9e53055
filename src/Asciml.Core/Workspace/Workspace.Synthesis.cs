using Asciml.Core.Synthesis;

namespace Asciml.Core.Workspace;

public sealed partial class Workspace
{
    /// <summary>Adds synthesized sounds, with their recipes, to a group (created if missing), in one transaction.</summary>
    public IReadOnlyList<Sound> AddSynthesized(string groupName, IReadOnlyList<SynthesizedSound> sounds)
    {
        Group group = GetOrCreateGroup(groupName);
        return AddSounds(sounds.Select(s => new NewSound(group.Id, s.Name, SoundSource.Synthesized, s.Audio, SynthesisParameters: s.Parameters.ToJson())).ToList());
    }
}
