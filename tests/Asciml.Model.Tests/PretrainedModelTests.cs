using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

public sealed class PretrainedModelTests
{
    [Fact]
    public void ShippedPretrainedModelIsFoundAndIsALiteModelWithItsProvenance()
    {
        string path = PretrainedModel.Locate();
        Assert.Equal(PretrainedModel.FileName, Path.GetFileName(path));
        Assert.True(new FileInfo(path).Length <= 30L * 1024 * 1024, "the shipped model must stay within 30 MB");
        ModelMetadata metadata = ModelFile.ReadMetadata(path);
        Assert.Equal("lite", metadata.Preset);
        Assert.Equal(640, metadata.Training.SoundCount);
        Assert.True(metadata.Training.EpochsCompleted >= 100);
        Assert.Equal(metadata.Training.EpochsCompleted, metadata.Training.History.Count);
        Assert.Equal(path, PretrainedModel.Resolve("pretrained"));

        using SoundModel model = SoundModel.Load(path);
        Assert.Equal(16000, model.Reconstruct(TestSounds.Tone(330)).Samples.Length);
    }
}
