using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Storage;

public sealed class WorkspaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-ws-").FullName;
    private readonly Workspace _workspace;

    public WorkspaceTests() => _workspace = Workspace.Open(_folder);

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static MonoAudio Clip(double frequencyHz) => Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = frequencyHz });

    [Fact]
    public void GroupsCanBeCreatedRenamedRecolouredAndListed()
    {
        Group drums = _workspace.Groups.Create("drums");
        Group bells = _workspace.Groups.Create("bells", "#123456", "metal");
        Assert.NotEqual(drums.Colour, bells.Colour);
        Assert.Throws<WorkspaceException>(() => _workspace.Groups.Create("DRUMS"));
        _workspace.Groups.Rename(drums.Id, "kicks");
        _workspace.Groups.Recolour(bells.Id, "#ABCDEF");
        Assert.Equal(["kicks", "bells"], _workspace.Groups.List().Select(g => g.Name));
        Assert.Equal("#abcdef", _workspace.Groups.GetByName("bells").Colour);
        Assert.Throws<WorkspaceException>(() => _workspace.Groups.Recolour(bells.Id, "red"));
        Assert.Throws<WorkspaceException>(() => _workspace.Groups.Create("   "));
    }

    [Fact]
    public void NewGroupsGetDistinctPaletteColoursAndReuseFreedOnes()
    {
        var groups = Enumerable.Range(1, 6).Select(i => _workspace.Groups.Create($"g{i}")).ToList();
        Assert.Equal(6, groups.Select(g => g.Colour).Distinct().Count());
        Assert.Equal(GroupStore.Palette.Take(6), groups.Select(g => g.Colour));
        Assert.Equal(GroupStore.Palette[6], _workspace.Groups.NextColour());
        _workspace.Groups.Delete(groups[1].Id, new GroupDeletion.TrashSounds());
        Assert.Equal(groups[1].Colour, _workspace.Groups.NextColour());
        Assert.Equal(groups[1].Colour, _workspace.Groups.Create("again").Colour);
    }

    [Fact]
    public void TheSameFileIsSkippedInItsGroupByContentWhenAsked()
    {
        Group a = _workspace.Groups.Create("a");
        Group b = _workspace.Groups.Create("b");
        string folder = Path.Combine(_folder, "files");
        Directory.CreateDirectory(folder);
        string wav = Path.Combine(folder, "tone.wav");
        string again = Path.Combine(folder, "again.wav");
        string other = Path.Combine(folder, "other.wav");
        File.WriteAllBytes(wav, WavWriter.ToBytes(Clip(220), WavSampleFormat.Pcm16));
        File.WriteAllBytes(again, WavWriter.ToBytes(Clip(220), WavSampleFormat.Pcm16));
        File.WriteAllBytes(other, WavWriter.ToBytes(Clip(330), WavSampleFormat.Pcm16)); // same length, other content

        IReadOnlyList<ImportOutcome> first = SoundImport.Files(_workspace, a.Id, [wav, again, other], shownNames: ["tone.wav", "again.wav", "other.wav"], skipSame: true);
        Assert.Equal(["tone", null, "other"], first.Select(o => o.Sound?.Name));
        Assert.True(first[1].Skipped);
        Assert.Equal("skipped: the same file is already in this group as “tone”", first[1].Error);
        Assert.Equal("2 imported, 0 failed, 1 already there", ImportOutcome.Summary(first));

        Assert.True(SoundImport.Files(_workspace, a.Id, [again], skipSame: true)[0].Skipped);
        Assert.NotNull(SoundImport.Files(_workspace, b.Id, [wav], skipSame: true)[0].Sound); // another group may hold it too
        Assert.NotNull(SoundImport.Files(_workspace, a.Id, [wav])[0].Sound); // `asciml import` does not skip
    }

    [Fact]
    public void SoundsKeepTheirClipExactlyAndTheirOriginal()
    {
        Group group = _workspace.Groups.Create("tones");
        MonoAudio clip = Clip(220);
        Sound sound = _workspace.Sounds.Add(new NewSound(group.Id, "a tone", SoundSource.Recorded, clip, [1, 2, 3], "take 1.webm"));
        Assert.Equal(clip.Samples, _workspace.Sounds.LoadModelInput(sound.Id).Samples);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(_workspace.Sounds.OriginalPath(sound.Id)!));
        Assert.InRange(_workspace.Sounds.GetFeatures(sound.Id).F0Hz!.Value, 215, 225);
        Assert.Equal("a tone", _workspace.Sounds.Get(sound.Id).Name);
    }

    [Fact]
    public void NamesNeverBecomePaths()
    {
        Group group = _workspace.Groups.Create("../../etc");
        Sound sound = _workspace.Sounds.Add(new NewSound(group.Id, "../../../passwd", SoundSource.Uploaded, Clip(300), [9], "../../evil.wav/../x.sh"));
        string clip = Path.GetFullPath(_workspace.Sounds.ClipPath(sound.Id));
        Assert.StartsWith(Path.GetFullPath(_workspace.SoundsFolder), clip);
        Assert.StartsWith(Path.GetFullPath(_workspace.OriginalsFolder), Path.GetFullPath(_workspace.Sounds.OriginalPath(sound.Id)!));
        Assert.All(Directory.EnumerateFiles(_workspace.OriginalsFolder), p => Assert.StartsWith(sound.Id, Path.GetFileName(p), StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories), p => p.Contains("passwd", StringComparison.Ordinal));
        Assert.Equal("../../../passwd", _workspace.Sounds.Get(sound.Id).Name);
    }

    [Fact]
    public void DuplicateSoundNamesGetDistinctIdsAndFiles()
    {
        Group group = _workspace.Groups.Create("g");
        Sound first = _workspace.Sounds.Add(new NewSound(group.Id, "same", SoundSource.Synthesized, Clip(200)));
        Sound second = _workspace.Sounds.Add(new NewSound(group.Id, "same", SoundSource.Synthesized, Clip(400)));
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(_workspace.Sounds.LoadModelInput(first.Id).Samples, _workspace.Sounds.LoadModelInput(second.Id).Samples);
    }

    [Fact]
    public void DeletedSoundsGoToTheTrashAndComeBack()
    {
        Group group = _workspace.Groups.Create("g");
        Sound sound = _workspace.Sounds.Add(new NewSound(group.Id, "s", SoundSource.Synthesized, Clip(200)));
        _workspace.Sounds.Delete(sound.Id);
        Assert.Empty(_workspace.Sounds.List());
        Assert.Single(_workspace.Sounds.ListTrash());
        _workspace.Sounds.Restore(sound.Id);
        Assert.Single(_workspace.Sounds.List(group.Id));
        _workspace.Sounds.Delete(sound.Id);
        Assert.Equal(1, _workspace.Sounds.EmptyTrash());
        Assert.False(File.Exists(_workspace.Sounds.ClipPath(sound.Id)));
    }

    [Fact]
    public void DeletingAGroupMovesOrTrashesItsSoundsAsChosen()
    {
        Group a = _workspace.Groups.Create("a");
        Group b = _workspace.Groups.Create("b");
        Group c = _workspace.Groups.Create("c");
        Sound inA = _workspace.Sounds.Add(new NewSound(a.Id, "x", SoundSource.Synthesized, Clip(200)));
        Sound inC = _workspace.Sounds.Add(new NewSound(c.Id, "y", SoundSource.Synthesized, Clip(300)));
        _workspace.Groups.Delete(a.Id, new GroupDeletion.MoveSoundsTo(b.Id));
        Assert.Equal(b.Id, _workspace.Sounds.Get(inA.Id).GroupId);
        _workspace.Groups.Delete(c.Id, new GroupDeletion.TrashSounds());
        Assert.Single(_workspace.Sounds.ListTrash());
        Sound restored = _workspace.Sounds.Restore(inC.Id);
        Assert.Equal("c", _workspace.Groups.Get(restored.GroupId).Name);
        Assert.True(WorkspaceDoctor.Check(_workspace).IsConsistent);
    }

    [Fact]
    public void ExportThenImportGivesTheSameDataset()
    {
        Group bells = _workspace.Groups.Create("bells", "#aa0000", "metal");
        _workspace.Groups.Create("empty");
        SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("bells").Id, VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings(), 3, seed: 5));
        _workspace.Sounds.Add(new NewSound(bells.Id, "a, \"quoted\" name", SoundSource.Recorded, Clip(500)));
        string zip = Path.Combine(_folder, "dataset.zip");
        Assert.Equal(4, DatasetArchive.Export(_workspace, zip));

        using Workspace copy = Workspace.Open(Path.Combine(_folder, "copy"));
        DatasetArchive.Import(copy, zip);
        Assert.Equal(["bells", "empty"], copy.Groups.List().Select(g => g.Name));
        Assert.Equal("#aa0000", copy.Groups.GetByName("bells").Colour);
        var original = _workspace.Sounds.List().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var imported = copy.Sounds.List().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(original.Select(s => (s.Name, s.Source, s.SynthesisParameters)), imported.Select(s => (s.Name, s.Source, s.SynthesisParameters)));
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal(_workspace.Sounds.LoadModelInput(original[i].Id).Samples, copy.Sounds.LoadModelInput(imported[i].Id).Samples);
        }
    }

    [Fact]
    public void TwoWorkspaceInstancesCanWriteConcurrently()
    {
        using Workspace other = Workspace.Open(_folder);
        Group group = _workspace.Groups.Create("shared");
        Parallel.For(0, 20, i => (i % 2 == 0 ? _workspace : other).Sounds.Add(new NewSound(group.Id, $"s{i}", SoundSource.Synthesized, Clip(100 + (10 * i)))));
        Assert.Equal(20, other.Sounds.List(group.Id).Count);
        Assert.True(WorkspaceDoctor.Check(other).IsConsistent);
    }

    [Fact]
    public void DoctorFindsAndRepairsLeftoversAndMissingAudio()
    {
        Group group = _workspace.Groups.Create("g");
        Sound kept = _workspace.Sounds.Add(new NewSound(group.Id, "kept", SoundSource.Synthesized, Clip(200)));
        Sound broken = _workspace.Sounds.Add(new NewSound(group.Id, "broken", SoundSource.Synthesized, Clip(300)));
        File.Delete(_workspace.Sounds.ClipPath(broken.Id));
        File.WriteAllText(Path.Combine(_workspace.SoundsFolder, "s-orphan.wav"), "x");
        File.WriteAllText(Path.Combine(_workspace.SoundsFolder, ".tmp-123"), "x");

        DoctorReport before = WorkspaceDoctor.Check(_workspace);
        Assert.False(before.IsConsistent);
        Assert.Equal(2, before.Leftovers.Count);
        DoctorReport repaired = WorkspaceDoctor.Check(_workspace, repair: true);
        Assert.Equal(3, repaired.Repairs.Count);
        DoctorReport after = WorkspaceDoctor.Check(_workspace);
        Assert.True(after.IsConsistent);
        Assert.Empty(after.Leftovers);
        Assert.Equal([kept.Id], _workspace.Sounds.List().Select(s => s.Id));
    }

    [Fact]
    public void ImportReportsBadFilesAndKeepsTheGoodOnes()
    {
        Group group = _workspace.Groups.Create("uploads");
        string good = Path.Combine(_folder, "good.wav");
        WavWriter.Write(good, new MonoAudio(Clip(440).Samples, 16000));
        string bad = Path.Combine(_folder, "bad.wav");
        File.WriteAllText(bad, "text");
        IReadOnlyList<ImportOutcome> outcomes = SoundImport.Files(_workspace, group.Id, [good, bad]);
        Assert.NotNull(outcomes[0].Sound);
        Assert.Null(outcomes[1].Sound);
        Assert.Contains("bad.wav", outcomes[1].Error);
        Assert.Single(_workspace.Sounds.List());
    }

    [Fact]
    public void AnalyzedSoundsFeedTheSixViews()
    {
        SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("fm").Id, VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Fm), 6, seed: 1));
        SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("noise").Id, VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Subtractive, "hi-hat").ToSettings(), 6, seed: 1));
        IReadOnlyList<AnalyzedSound> sounds = DatasetAnalysis.Analyze(_workspace);
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
        string modelFile = Path.Combine(_folder, "m.asciml");
        File.WriteAllBytes(modelFile, [1, 2, 3]);
        TrainingRun run = _workspace.Runs.Start("{}");
        _workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(1, 3, 2, 1, null));
        _workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(2, 2, 1.5, 0.5, 0.2));
        ModelEntry model = _workspace.Models.Register("first", "lite", modelFile, "{}", "{}");
        _workspace.Runs.Finish(run.Id, TrainingStatus.Completed, null, model.Id);
        TrainingRun stored = _workspace.Runs.List().Single();
        Assert.Equal(TrainingStatus.Completed, stored.Status);
        Assert.Equal([3.0, 2.0], stored.Epochs.Select(e => e.Total));
        Assert.Equal(model.Id, _workspace.Models.Current!.Id);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(_workspace.Models.FilePath(model)));
    }
}
