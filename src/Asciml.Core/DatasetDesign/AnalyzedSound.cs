using Asciml.Core.Features;

namespace Asciml.Core.DatasetDesign;

/// <summary>A sound as the dataset views see it: who it is, which group, and its features.</summary>
public sealed record AnalyzedSound(string Id, string Name, string GroupName, string GroupColour, SoundFeatures Features);
