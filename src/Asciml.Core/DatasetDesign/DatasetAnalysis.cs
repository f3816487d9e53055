using Asciml.Core.Storage;

namespace Asciml.Core.DatasetDesign;

/// <summary>Stage 1's view of a workspace: its sounds with their group and features, as the dataset views take them.</summary>
public static class DatasetAnalysis
{
    /// <summary>The sounds of some groups (all when none given) with their features (cached by the sound store), read in one query.</summary>
    public static IReadOnlyList<AnalyzedSound> Analyze(Workspace workspace, IEnumerable<string>? groupIds = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Dictionary<string, Group> groups = workspace.Groups.List().ToDictionary(g => g.Id);
        return workspace.Sounds.ListWithFeatures(groupIds)
            .Select(s => new AnalyzedSound(s.Sound.Id, s.Sound.Name, groups[s.Sound.GroupId].Name, groups[s.Sound.GroupId].Colour, s.Features))
            .ToList();
    }
}
