using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Storage;

public sealed class WorkspaceTests : TemporaryWorkspace
{
    private static MonoAudio Clip(double frequencyHz) => Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = frequencyHz });

    [Fact]
    public void GroupsCanBeCreatedRenamedRecolouredAndListed()
    {
        Group drums = Workspace.Groups.Create("drums");
        Group bells = Workspace.Groups.Create("bells", "#123456", "metal");
        Assert.NotEqual(drums.Colour, bells.Colour);
        Assert.Throws<WorkspaceException>(() => Workspace.Groups.Create("DRUMS"));
        Workspace.Groups.Rename(drums.Id, "kicks");
        Workspace.Groups.Recolour(bells.Id, "#ABCDEF");
        Assert.Equal(["kicks", "bells"], Workspace.Groups.List().Select(g => g.Name));
        Assert.Equal("#abcdef", Workspace.Groups.GetByName("bells").Colour);
        Assert.Throws<WorkspaceException>(() => Workspace.Groups.Recolour(bells.Id, "red"));
        Assert.Throws<WorkspaceException>(() => Workspace.Groups.Create("   "));
    }

    [Fact]
    public void NewGroupsGetDistinctPaletteColoursAndReuseFreedOnes()
    {
        var groups = Enumerable.Range(1, 6).Select(i => Workspace.Groups.Create($"g{i}")).ToList();
        Assert.Equal(6, groups.Select(g => g.Colour).Distinct().Count());
        Assert.Equal(GroupStore.Palette.Take(6), groups.Select(g => g.Colour));
        Assert.Equal(GroupStore.Palette[6], Workspace.Groups.NextColour());
        Workspace.Groups.Delete(groups[1].Id, new GroupDeletion.TrashSounds());
        Assert.Equal(groups[1].Colour, Workspace.Groups.NextColour());
        Assert.Equal(groups[1].Colour, Workspace.Groups.Create("again").Colour);
    }

    [Fact]
    public void TheSameFileIsSkippedInItsGroupByContentWhenAsked()
    {
        Group a = Workspace.Groups.Create("a");
        Group b = Workspace.Groups.Create("b");
        string folder = Path.Combine(Folder, "files");
        Directory.CreateDirectory(folder);
        string wav = Path.Combine(folder, "tone.wav");
        string again = Path.Combine(folder, "again.wav");
        string other = Path.Combine(folder, "other.wav");
        File.WriteAllBytes(wav, WavWriter.ToBytes(Clip(220), WavSampleFormat.Pcm16));
        File.WriteAllBytes(again, WavWriter.ToBytes(Clip(220), WavSampleFormat.Pcm16));
        File.WriteAllBytes(other, WavWriter.ToBytes(Clip(330), WavSampleFormat.Pcm16)); // same length, other content

        IReadOnlyList<ImportOutcome> first = SoundImport.Files(Workspace, a.Id, [wav, again, other], shownNames: ["tone.wav", "again.wav", "other.wav"], skipSame: true);
        Assert.Equal(["tone", null, "other"], first.Select(o => o.Sound?.Name));
        Assert.True(first[1].Skipped);
        Assert.Equal("skipped: the same file is already in this group as “tone”", first[1].Error);
        Assert.Equal("2 imported, 0 failed, 1 already there", ImportOutcome.Summary(first));

        Assert.True(SoundImport.Files(Workspace, a.Id, [again], skipSame: true)[0].Skipped);
        Assert.NotNull(SoundImport.Files(Workspace, b.Id, [wav], skipSame: true)[0].Sound); // another group may hold it too
        Assert.NotNull(SoundImport.Files(Workspace, a.Id, [wav])[0].Sound); // `asciml import` does not skip
    }

    [Fact]
    public void SoundsKeepTheirClipExactlyAndTheirOriginal()
    {
        Group group = Workspace.Groups.Create("tones");
        MonoAudio clip = Clip(220);
        Sound sound = Workspace.Sounds.Add(new NewSound(group.Id, "a tone", SoundSource.Recorded, clip, [1, 2, 3], "take 1.webm"));
        Assert.Equal(clip.Samples, Workspace.Sounds.LoadModelInput(sound.Id).Samples);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Workspace.Sounds.OriginalPath(sound.Id)!));
        Assert.InRange(Workspace.Sounds.GetFeatures(sound.Id).F0Hz!.Value, 215, 225);
        Assert.Equal("a tone", Workspace.Sounds.Get(sound.Id).Name);
    }

    [Fact]
    public void NamesNeverBecomePaths()
    {
        Group group = Workspace.Groups.Create("../../etc");
        Sound sound = Workspace.Sounds.Add(new NewSound(group.Id, "../../../passwd", SoundSource.Uploaded, Clip(300), [9], "../../evil.wav/../x.sh"));
        string clip = Path.GetFullPath(Workspace.Sounds.ClipPath(sound.Id));
        Assert.StartsWith(Path.GetFullPath(Workspace.SoundsFolder), clip);
        Assert.StartsWith(Path.GetFullPath(Workspace.OriginalsFolder), Path.GetFullPath(Workspace.Sounds.OriginalPath(sound.Id)!));
        Assert.All(Directory.EnumerateFiles(Workspace.OriginalsFolder), p => Assert.StartsWith(sound.Id, Path.GetFileName(p), StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories), p => p.Contains("passwd", StringComparison.Ordinal));
        Assert.Equal("../../../passwd", Workspace.Sounds.Get(sound.Id).Name);
    }

    [Fact]
    public void DuplicateSoundNamesGetDistinctIdsAndFiles()
    {
        Group group = Workspace.Groups.Create("g");
        Sound first = Workspace.Sounds.Add(new NewSound(group.Id, "same", SoundSource.Synthesized, Clip(200)));
        Sound second = Workspace.Sounds.Add(new NewSound(group.Id, "same", SoundSource.Synthesized, Clip(400)));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(Workspace.Sounds.LoadModelInput(first.Id).Samples, Workspace.Sounds.LoadModelInput(second.Id).Samples);
    }

    [Fact]
    public void DeletedSoundsGoToTheTrashAndComeBack()
    {
        Group group = Workspace.Groups.Create("g");
        Sound sound = Workspace.Sounds.Add(new NewSound(group.Id, "s", SoundSource.Synthesized, Clip(200)));
        Workspace.Sounds.Delete(sound.Id);
        Assert.Empty(Workspace.Sounds.List());
        Assert.Single(Workspace.Sounds.ListTrash());
        Workspace.Sounds.Restore(sound.Id);
        Assert.Single(Workspace.Sounds.List(group.Id));
        Workspace.Sounds.Delete(sound.Id);
        Assert.Equal(1, Workspace.Sounds.EmptyTrash());
        Assert.False(File.Exists(Workspace.Sounds.ClipPath(sound.Id)));
    }

    [Fact]
    public void DeletingAGroupMovesOrTrashesItsSoundsAsChosen()
    {
        Group a = Workspace.Groups.Create("a");
        Group b = Workspace.Groups.Create("b");
        Group c = Workspace.Groups.Create("c");
        Sound inA = Workspace.Sounds.Add(new NewSound(a.Id, "x", SoundSource.Synthesized, Clip(200)));
        Sound inC = Workspace.Sounds.Add(new NewSound(c.Id, "y", SoundSource.Synthesized, Clip(300)));
        Workspace.Groups.Delete(a.Id, new GroupDeletion.MoveSoundsTo(b.Id));
        Assert.Equal(b.Id, Workspace.Sounds.Get(inA.Id).GroupId);
        Workspace.Groups.Delete(c.Id, new GroupDeletion.TrashSounds());
        Assert.Single(Workspace.Sounds.ListTrash());
        Sound restored = Workspace.Sounds.Restore(inC.Id);
        Assert.Equal("c", Workspace.Groups.Get(restored.GroupId).Name);
        Assert.True(WorkspaceDoctor.Check(Workspace).IsConsistent);
    }

    [Fact]
    public void ExportThenImportGivesTheSameDataset()
    {
        Group bells = Workspace.Groups.Create("bells", "#aa0000", "metal");
        Workspace.Groups.Create("empty");
        SynthesizedSounds.AddTo(Workspace, Workspace.Groups.GetOrCreate("bells").Id, VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings(), 3, seed: 5));
        Workspace.Sounds.Add(new NewSound(bells.Id, "a, \"quoted\" name", SoundSource.Recorded, Clip(500)));
        string zip = Path.Combine(Folder, "dataset.zip");
        Assert.Equal(4, DatasetArchive.Export(Workspace, zip));

        using Workspace copy = Workspace.Open(Path.Combine(Folder, "copy"));
        DatasetArchive.Import(copy, zip);
        Assert.Equal(["bells", "empty"], copy.Groups.List().Select(g => g.Name));
        Assert.Equal("#aa0000", copy.Groups.GetByName("bells").Colour);
        var original = Workspace.Sounds.List().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var imported = copy.Sounds.List().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(original.Select(s => (s.Name, s.Source, s.SynthesisParameters)), imported.Select(s => (s.Name, s.Source, s.SynthesisParameters)));
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(Workspace.Sounds.LoadModelInput(original[i].Id).Samples, copy.Sounds.LoadModelInput(imported[i].Id).Samples);
        }
    }

    [Fact]
    public void TwoWorkspaceInstancesCanWriteConcurrently()
    {
        using Workspace other = Workspace.Open(Folder);
        Group group = Workspace.Groups.Create("shared");
        Parallel.For(0, 20, i => (i % 2 == 0 ? Workspace : other).Sounds.Add(new NewSound(group.Id, $"s{i}", SoundSource.Synthesized, Clip(100 + (10 * i)))));
        Assert.Equal(20, other.Sounds.List(group.Id).Count);
        Assert.True(WorkspaceDoctor.Check(other).IsConsistent);
    }

    [Fact]
    public void DoctorFindsAndRepairsLeftoversAndMissingAudio()
    {
        Group group = Workspace.Groups.Create("g");
        Sound kept = Workspace.Sounds.Add(new NewSound(group.Id, "kept", SoundSource.Synthesized, Clip(200)));
        Sound broken = Workspace.Sounds.Add(new NewSound(group.Id, "broken", SoundSource.Synthesized, Clip(300)));
        File.Delete(Workspace.Sounds.ClipPath(broken.Id));
        File.WriteAllText(Path.Combine(Workspace.SoundsFolder, "s-orphan.wav"), "x");
        File.WriteAllText(Path.Combine(Workspace.SoundsFolder, ".tmp-123"), "x");

        DoctorReport before = WorkspaceDoctor.Check(Workspace);
        Assert.False(before.IsConsistent);
        Assert.Equal(2, before.Leftovers.Count);
        DoctorReport repaired = WorkspaceDoctor.Check(Workspace, repair: true);
        Assert.Equal(3, repaired.Repairs.Count);
        DoctorReport after = WorkspaceDoctor.Check(Workspace);
        Assert.True(after.IsConsistent);
        Assert.Empty(after.Leftovers);
        Assert.Equal([kept.Id], Workspace.Sounds.List().Select(s => s.Id));
    }

    [Fact]
    public void ImportReportsBadFilesAndKeepsTheGoodOnes()
    {
        Group group = Workspace.Groups.Create("uploads");
        string good = Path.Combine(Folder, "good.wav");
        WavWriter.Write(good, new MonoAudio(Clip(440).Samples, 16000));
        string bad = Path.Combine(Folder, "bad.wav");
        File.WriteAllText(bad, "text");
        IReadOnlyList<ImportOutcome> outcomes = SoundImport.Files(Workspace, group.Id, [good, bad]);
        Assert.NotNull(outcomes[0].Sound);
        Assert.Null(outcomes[1].Sound);
        Assert.Contains("bad.wav", outcomes[1].Error);
        Assert.Single(Workspace.Sounds.List());
    }

    [Fact]
    public void AnalyzedSoundsFeedTheSixViews()
    {
        SynthesizedSounds.AddTo(Workspace, Workspace.Groups.GetOrCreate("fm").Id, VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Fm), 6, seed: 1));
        SynthesizedSounds.AddTo(Workspace, Workspace.Groups.GetOrCreate("noise").Id, VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Subtractive, "hi-hat").ToSettings(), 6, seed: 1));
        IReadOnlyList<AnalyzedSound> sounds = DatasetAnalysis.Analyze(Workspace);
        Assert.Equal(12, sounds.Count);
        Assert.Equal(2, DatasetViews.Table(sounds).Count);
        Assert.Equal(59, DatasetViews.Envelopegram(sounds).FrameTimesSeconds.Count);
        Assert.Equal(12, DatasetViews.Pca(sounds).Points.Count);
        Assert.Equal(12, DatasetViews.CentroidDispersion(sounds).Points.Count);
        Assert.True(DatasetViews.F0Dispersion(sounds).Points.Count >= 6);
        Histogram histogram = DatasetViews.Histogram(sounds, "rms");
        Assert.Equal(12, histogram.Groups.Sum(g => g.Counts.Sum()));
    }

    [Fact]
    public void ModelsAndTrainingRunsAreRecorded()
    {
        string modelFile = Path.Combine(Folder, "m.asciml");
        File.WriteAllBytes(modelFile, [1, 2, 3]);
        TrainingRun run = Workspace.Runs.Start("{}");
        Workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(1, 3, 2, 1, null));
        Workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(2, 2, 1.5, 0.5, 0.2));
        ModelEntry model = Workspace.Models.Register("first", "lite", modelFile, "{}", "{}");
        Workspace.Runs.Finish(run.Id, TrainingStatus.Completed, null, model.Id);
        TrainingRun stored = Workspace.Runs.List().Single();
        Assert.Equal(TrainingStatus.Completed, stored.Status);
        Assert.Equal([3.0, 2.0], stored.Epochs.Select(e => e.Total));
        Assert.Equal(model.Id, Workspace.Models.Current!.Id);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(Workspace.Models.FilePath(model)));
    }
}
