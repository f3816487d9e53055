using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

public sealed class PretrainedModelTests
{
    [Fact]
    public void ShippedPretrainedModelIsATimbreModelWithItsProvenance()
    {
        string path = PretrainedModel.Locate();
        Assert.Equal(PretrainedModel.FileName, Path.GetFileName(path));
        Assert.True(new FileInfo(path).Length <= 30L * 1024 * 1024, "the shipped model must stay within 30 MB");
        ModelMetadata metadata = ModelFile.ReadMetadata(path);
        Assert.Equal("timbre", metadata.Preset);
        Assert.Equal("timbre", metadata.Family);
        Assert.True(metadata.Training.SoundCount > 640, "the corpus plus rendered instrument notes");
        Assert.True(metadata.Training.EpochsCompleted >= 5);
        Assert.Equal(metadata.Training.EpochsCompleted, metadata.Training.History.Count);
        Assert.Equal(path, PretrainedModel.Resolve("pretrained"));

        using SoundModel model = SoundModel.Load(path);
        Assert.True(model.HasPitchControl);
        Assert.Equal(16000, model.Reconstruct(TestSounds.Tone(330)).Samples.Length);
    }

    [Fact]
    public void ShippedLiteModelIsStillThereAsInThePaper()
    {
        string path = PretrainedModel.Resolve("pretrained-lite");
        Assert.Equal(PretrainedModel.LiteFileName, Path.GetFileName(path));
        ModelMetadata metadata = ModelFile.ReadMetadata(path);
        Assert.Equal("lite", metadata.Preset);
        Assert.Equal("waveform", metadata.Family);
        Assert.Equal(640, metadata.Training.SoundCount);
        Assert.True(metadata.Training.EpochsCompleted >= 100);
        Assert.Equal(metadata.Training.EpochsCompleted, metadata.Training.History.Count);
        Assert.NotEqual(path, PretrainedModel.Resolve("pretrained"));

        using SoundModel model = SoundModel.Load(path);
        Assert.False(model.HasPitchControl);
        Assert.Equal(16000, model.Reconstruct(TestSounds.Tone(330)).Samples.Length);
    }
}
