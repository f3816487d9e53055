using Asciml.Core.Audio;
using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-modelfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrainingResult TrainTiny(int epochs = 2) => VaeTrainer.Train(
        TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(),
        new TrainingSettings { Epochs = epochs, BatchSize = 2, Seed = 3, Threads = 1 },
        cancellation: TestContext.Current.CancellationToken);

    [Fact]
    public void SavedAndLoadedModelsGiveIdenticalOutputsAndMetadata()
    {
        TrainingResult trained = TrainTiny();
        string path = Path.Combine(_folder, "tiny.asciml");
        ModelFile.Save(path, trained.Network, trained.Metadata);

        using var before = new SoundModel(trained.Network, trained.Metadata);
        using SoundModel after = SoundModel.Load(path);
        MonoAudio tone = TestSounds.Tone(262);
        Assert.Equal(before.Reconstruct(tone).Samples, after.Reconstruct(tone).Samples);
        Assert.Equal(before.Encode(tone), after.Encode(tone));

        ModelMetadata metadata = ModelFile.ReadMetadata(path);
        Assert.Equal(ModelMetadata.CurrentFormatVersion, metadata.FormatVersion);
        Assert.Equal("tiny", metadata.Preset);
        Assert.Equal(4, metadata.LatentSize);
        Assert.Equal(16000, metadata.SampleRateHz);
        Assert.Equal(2, metadata.Training.EpochsCompleted);
        Assert.Equal(trained.Metadata.Training.History, metadata.Training.History);
        Assert.Equal("scratch", metadata.Training.StartedFrom);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void CorruptOrForeignFilesGiveAClearModelFileError()
    {
        TrainingResult trained = TrainTiny(1);
        string path = Path.Combine(_folder, "tiny.asciml");
        ModelFile.Save(path, trained.Network, trained.Metadata);
        byte[] bytes = File.ReadAllBytes(path);

        string truncated = Path.Combine(_folder, "truncated.asciml");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(truncated));
        Assert.Contains("truncated.asciml", error.Message);

        string foreign = Path.Combine(_folder, "song.asciml");
        File.WriteAllText(foreign, "RIFF....WAVEfmt not a model");
        error = Assert.Throws<ModelFileException>(() => ModelFile.Load(foreign));
        Assert.Contains("not an Asciml model file", error.Message);

        string garbledJson = Path.Combine(_folder, "garbled.asciml");
        byte[] copy = (byte[])bytes.Clone();
        copy[20] = (byte)'#';
        File.WriteAllBytes(garbledJson, copy);
        Assert.Throws<ModelFileException>(() => ModelFile.Load(garbledJson));

        Assert.Throws<ModelFileException>(() => ModelFile.Load(Path.Combine(_folder, "missing.asciml")));
    }

    [Fact]
    public void WrongPresetIsAPresetMismatchError()
    {
        TrainingResult trained = TrainTiny(1);
        string path = Path.Combine(_folder, "tiny.asciml");
        ModelFile.Save(path, trained.Network, trained.Metadata);
        var error = Assert.Throws<ModelPresetMismatchException>(() => ModelFile.Load(path, expectedPreset: "paper"));
        Assert.Contains("'tiny'", error.Message);
        Assert.Contains("'paper'", error.Message);
    }
}
