using Asciml.Core.Storage;

namespace Asciml.Core.DatasetDesign;

/// <summary>Stage 1's view of a workspace: its sounds with their group and features, as the dataset views take them.</summary>
public static class DatasetAnalysis
{
    /// <summary>The sounds of some groups (all when none given) with their features (cached by the sound store).</summary>
    public static IReadOnlyList<AnalyzedSound> Analyze(Workspace workspace, IEnumerable<string>? groupIds = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Dictionary<string, Group> groups = workspace.Groups.List().ToDictionary(g => g.Id);
        HashSet<string>? wanted = groupIds?.ToHashSet();
        return workspace.Sounds.List()
            .Where(s => wanted is null || wanted.Contains(s.GroupId))
            .Select(s => new AnalyzedSound(s.Id, s.Name, groups[s.GroupId].Name, groups[s.GroupId].Colour, workspace.Sounds.GetFeatures(s.Id)))
            .ToList();
    }
}
