using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Asciml.Core;
using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;

namespace Asciml.Model.Tests;

/// <summary>Issue 11, finding 7: damaged model files are found (checksum, sizes, non-finite weights), old files still load.</summary>
public sealed class ModelFileIntegrityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-integrity-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string SaveTiny(string name, Action<WaveformVae>? change = null, VaeArchitecture? architecture = null)
    {
        torch.manual_seed(5);
        using var network = new WaveformVae(architecture ?? TestSounds.Tiny());
        change?.Invoke(network);
        string path = Path.Combine(_folder, name);
        ModelFile.Save(path, network, ModelFile.Describe(network, new TrainingProvenance()));
        return path;
    }

    /// <summary>(json, weights, optimizer) of a saved file.</summary>
    private static (byte[] Json, byte[] Weights, byte[] Optimizer) Parts(byte[] file)
    {
        int position = 10 + 4;
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position));
        byte[] json = file.AsSpan(position + 4, jsonLength).ToArray();
        position += 4 + jsonLength;
        long weightsLength = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position));
        byte[] weights = file.AsSpan(position + 8, (int)weightsLength).ToArray();
        position += 8 + (int)weightsLength;
        long optimizerLength = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position));
        return (json, weights, file.AsSpan(position + 8, (int)optimizerLength).ToArray());
    }

    /// <summary>A model file from parts, with a correct checksum for format 2 and later.</summary>
    internal static byte[] Build(int version, byte[] json, byte[] weights, byte[] optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("ASCIMLVAE\n"u8);
            writer.Write(version);
            writer.Write(json.Length);
            writer.Write(json);
            writer.Write((long)weights.Length);
            writer.Write(weights);
            writer.Write((long)optimizer.Length);
            writer.Write(optimizer);
        }

        byte[] content = stream.ToArray();
        return version >= 2 ? [.. content, .. SHA256.HashData(content)] : content;
    }

    [Fact]
    public void EveryFlippedByteIsFound()
    {
        // Before: 26 of 30 single-byte flips in the weights loaded silently.
        string path = SaveTiny("tiny.asciml");
        byte[] original = File.ReadAllBytes(path);
        (byte[] json, byte[] weights, _) = Parts(original);
        int weightsStart = 10 + 4 + 4 + json.Length + 8;
        var random = new Random(7);
        string flipped = Path.Combine(_folder, "flipped.asciml");
        for (int i = 0; i < 30; i++)
        {
            byte[] copy = (byte[])original.Clone();
            int position = i < 25 ? weightsStart + random.Next(weights.Length) : random.Next(copy.Length);
            copy[position] ^= (byte)(1 << random.Next(8));
            File.WriteAllBytes(flipped, copy);
            var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(flipped));
            Assert.Contains("flipped.asciml", error.Message);
            Assert.NotNull(ModelFile.Verify(flipped));
        }

        Assert.Null(ModelFile.Verify(path));
    }

    [Fact]
    public void NonFiniteWeightsAreRefused()
    {
        // Before: NaN weights gave exit 0 and a silent WAV.
        string path = SaveTiny("nan.asciml", network =>
        {
            using var noGrad = torch.no_grad();
            network.parameters().First().fill_(double.NaN);
        });
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.Contains("nan.asciml' is damaged (weights of", error.Message);
        Assert.Contains("are not finite numbers", error.Message);
    }

    [Fact]
    public void AHugeArchitectureIsRefusedBeforeAnyAllocation()
    {
        // Before: a header declaring a huge architecture allocated 5 GB before the "damaged" error.
        var huge = new VaeArchitecture("huge", [60_000, 60_000], 66, [4, 4], [1_000_000], 64, OutputActivation.Linear);
        var metadata = new ModelMetadata { Preset = "huge", LatentSize = 64, SampleRateHz = 16000, LengthSamples = 16000, Architecture = huge };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(metadata, ModelFile.JsonOptions);
        string path = Path.Combine(_folder, "huge.asciml");
        File.WriteAllBytes(path, Build(2, json, new byte[16], []));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.Contains("larger than 200 M parameters", error.Message);
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void VersionOneFilesWithoutAChecksumStillLoad()
    {
        string saved = SaveTiny("v2.asciml");
        (byte[] json, byte[] weights, byte[] optimizer) = Parts(File.ReadAllBytes(saved));
        string path = Path.Combine(_folder, "v1.asciml");
        File.WriteAllBytes(path, Build(1, json, weights, optimizer));
        LoadedModel loaded = ModelFile.Load(path);
        loaded.Network.Dispose();
        Assert.Null(ModelFile.Verify(path));

        // The shipped lite model is a real version-1 file (written before checksums).
        ModelMetadata shipped = ModelFile.ReadMetadata(PretrainedModel.Locate(PretrainedModel.LiteFileName));
        Assert.Equal(1, shipped.FormatVersion);
        Assert.Null(ModelFile.Verify(PretrainedModel.Locate(PretrainedModel.LiteFileName)));
        Assert.Null(ModelFile.Verify(PretrainedModel.Locate()));
        Assert.Equal(2, ModelFile.ReadMetadata(saved).FormatVersion);
    }

    [Fact]
    public void WeightsOfAnotherNetworkGiveAShortOneLineError()
    {
        // Before: two error paths printed 2.8 KB of libtorch frames.
        (_, byte[] weights, byte[] optimizer) = Parts(File.ReadAllBytes(SaveTiny("four.asciml")));
        (byte[] json, _, _) = Parts(File.ReadAllBytes(SaveTiny("five.asciml", architecture: TestSounds.Tiny(latentSize: 5))));
        string path = Path.Combine(_folder, "mixed.asciml");
        File.WriteAllBytes(path, Build(2, json, weights, optimizer));
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
        Assert.StartsWith($"model file '{path}' is damaged (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public void LeftoversOfInterruptedSavesAreRemovedByTheNextSave()
    {
        // Before: killed checkpoint writes left .tmp files nobody removed.
        string stale = Path.Combine(_folder, $".tiny.asciml.{Guid.NewGuid():N}.tmp");
        string fresh = Path.Combine(_folder, $".tiny.asciml.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stale, "half a model");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - ModelFile.StaleTemporaryAge - TimeSpan.FromMinutes(1));
        File.WriteAllText(fresh, "a save in progress");
        SaveTiny("tiny.asciml");
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void AFifoOrFolderIsNotAModel()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "dir.asciml"));
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(Path.Combine(_folder, "dir.asciml")));
        Assert.Contains("is a folder", error.Message);
    }

    [Fact]
    public void ADisposedModelRefusesCallsInsteadOfCrashing()
    {
        // Finding 9: SoundModel.Dispose did not take its lock; calls after it touched freed tensors.
        torch.manual_seed(5);
        var model = new SoundModel(new WaveformVae(TestSounds.Tiny()), new ModelMetadata());
        _ = model.Encode(TestSounds.Tone(262));
        model.Dispose();
        model.Dispose();
        var error = Assert.Throws<AscimlException>(() => model.Encode(TestSounds.Tone(262)));
        Assert.Contains("closed", error.Message);
        Assert.Throws<AscimlException>(() => model.Decode(new float[4]));
    }
}
