using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

public sealed class TrainingDataTests
{
    [Fact]
    public void FolderOfWavsBecomesModelInputsInNameOrder()
    {
        string folder = Directory.CreateTempSubdirectory("asciml-data-").FullName;
        try
        {
            WavWriter.Write(Path.Combine(folder, "b.wav"), TestSounds.Tone(220));
            WavWriter.Write(Path.Combine(folder, "a.wav"), new MonoAudio(new float[8000], 8000));
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "not audio");
            TrainingData data = TrainingData.FromFolder(folder);
            Assert.Equal(["a.wav", "b.wav"], data.Clips.Select(clip => clip.Name));
            Assert.All(data.Clips, clip => Assert.Equal(ModelInputFormat.LengthSamples, clip.Audio.Samples.Length));
            Assert.Contains(folder, data.Description);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MissingOrEmptyFoldersAndWrongClipsAreBadInput()
    {
        string folder = Directory.CreateTempSubdirectory("asciml-empty-").FullName;
        try
        {
            Assert.Contains("no .wav files", Assert.Throws<AscimlException>(() => TrainingData.FromFolder(folder)).Message);
            Assert.Contains("does not exist", Assert.Throws<AscimlException>(() => TrainingData.FromFolder(Path.Combine(folder, "nope"))).Message);
            Assert.Contains("convert it first", Assert.Throws<AscimlException>(() =>
                TrainingData.FromAudio([new MonoAudio(new float[100], 16000)], "short")).Message);
            var broken = new float[16000];
            broken[5] = float.NaN;
            Assert.Contains("NaN", Assert.Throws<AscimlException>(() =>
                TrainingData.FromAudio([new MonoAudio(broken, 16000)], "nan")).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
