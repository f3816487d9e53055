using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

/// <summary>The creation page's note about sounds a transposition cannot move, now the session's (issue 12).</summary>
public sealed class UnpitchedNoticeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-unpitched-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OnlySoundsWithoutPitchAreNamed()
    {
        using Workspace workspace = Workspace.Open(Path.Combine(_folder, "ws"));
        Group group = workspace.Groups.Create("mixed");
        string tone = workspace.Sounds.Add(new NewSound(group.Id, "tone", SoundSource.Synthesized, TestSounds.Tone(330))).Id;
        Sound hiHat = SynthesizedSounds.AddTo(workspace, group.Id, [VariationGenerator.RenderOne(SynthPresets.Start(SynthesisMethod.Subtractive, "hi-hat"), "hi-hat")])[0];
        string hat = hiHat.Id;
        string silence = workspace.Sounds.Add(new NewSound(group.Id, "quiet", SoundSource.Synthesized, new Asciml.Core.Audio.MonoAudio(new float[16_000], 16_000))).Id;
        ModelEntry entry = workspace.Models.Register("shipped", "timbre", PretrainedModel.Locate(), "{}", "{}");
        using ModelSession session = ModelSession.Open(workspace, entry);

        Assert.Null(session.UnpitchedNotice(tone, tone));
        Assert.Null(session.UnpitchedNotice("", tone));
        Assert.Equal($"{hiHat.Name} has no pitch to transpose: only its tonal part moves.", session.UnpitchedNotice(tone, hat));
        Assert.Equal($"{hiHat.Name} and quiet have no pitch to transpose: only its tonal part moves.", session.UnpitchedNotice(hat, silence));
        Assert.Null(session.UnpitchedNotice("s-gone", tone)); // a sound deleted meanwhile says nothing
    }
}
