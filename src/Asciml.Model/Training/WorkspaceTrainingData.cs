using Asciml.Core;
using Asciml.Core.Storage;

namespace Asciml.Model.Training;

/// <summary>Training data from workspace groups: every (non-deleted) sound's model input, group by group.</summary>
public static class WorkspaceTrainingData
{
    public static TrainingData FromGroups(Workspace workspace, IReadOnlyList<string> groupNames)
    {
        var clips = new List<TrainingClip>();
        foreach (string name in groupNames.Distinct(StringComparer.Ordinal))
        {
            Group group = workspace.Groups.GetByName(name);
            IReadOnlyList<Sound> sounds = workspace.Sounds.List(group.Id);
            if (sounds.Count == 0)
            {
                throw new AscimlException($"group '{name}' has no sounds: add sounds to it or leave it out");
            }

            clips.AddRange(sounds.Select(sound => new TrainingClip($"{group.Name}/{sound.Name} ({sound.Id})", workspace.Sounds.LoadModelInput(sound.Id))));
        }

        return TrainingData.FromClips(clips, $"workspace groups {string.Join(", ", groupNames)} ({clips.Count} sounds)");
    }

    /// <summary>The same, for group ids (what the web app's check boxes hold).</summary>
    public static TrainingData FromGroupIds(Workspace workspace, IReadOnlyList<string> groupIds)
    {
        if (groupIds.Count == 0)
        {
            throw new AscimlException("choose at least one group to train on");
        }

        return FromGroups(workspace, groupIds.Distinct(StringComparer.Ordinal).Select(id => workspace.Groups.Get(id).Name).ToArray());
    }
}
