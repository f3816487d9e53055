using System.IO.Compression;
using System.Text.RegularExpressions;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

/// <summary>Longer sounds along a path (exact length, no clicks) and SFZ sample packs (complete, in tune).</summary>
public sealed partial class LongSoundAndInstrumentTests
{
    /// <summary>A stand-in decoder: code (frequency Hz, phase rad, amplitude) → a steady sine, so clip jumps are known.</summary>
    private static MonoAudio[] SineDecoder(IReadOnlyList<float[]> codes) => codes.Select(code =>
        new MonoAudio(Enumerable.Range(0, 16000)
            .Select(i => (float)(code[2] * Math.Sin(code[1] + (2 * Math.PI * code[0] * i / 16000)))).ToArray(), 16000)).ToArray();

    internal static double MaxJump(float[] samples)
    {
        double jump = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            jump = Math.Max(jump, Math.Abs(samples[i] - samples[i - 1]));
        }

        return jump;
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(2.5)]
    [InlineData(10.0)]
    [InlineData(30.0)]
    public void APathHasTheAskedLengthAndNoJumpBeyondItsSounds(double seconds)
    {
        // Out-of-phase sines: cutting from one to the next (no crossfade) would jump by up to twice the amplitude.
        float[][] waypoints = [[110f, 0f, 0.5f], [220f, 2.5f, 0.5f], [330f, 1f, 0.5f], [165f, 4f, 0.5f]];
        MonoAudio path = LatentPath.Render(SineDecoder, waypoints, seconds);
        Assert.Equal((int)Math.Round(seconds * 16000), path.Samples.Length);
        Assert.Equal(16000, path.SampleRateHz);
        double sourceJump = SineDecoder(waypoints).Max(clip => MaxJump(clip.Samples));
        Assert.True(MaxJump(path.Samples) <= (sourceJump * 1.02) + 1e-4, $"path jump {MaxJump(path.Samples)} vs sources {sourceJump}");
    }

    [Fact]
    public void TheClickCheckCatchesAHardCutBetweenTheSameSounds()
    {
        float[][] waypoints = [[110f, 0f, 0.5f], [220f, 2.5f, 0.5f]];
        MonoAudio[] sources = SineDecoder(waypoints);
        float[] cut = [.. sources[0].Samples, .. sources[1].Samples];
        Assert.True(MaxJump(cut) > (sources.Max(clip => MaxJump(clip.Samples)) * 1.02) + 1e-4);
    }

    [Fact]
    public void EveryWaypointIsHeardAtFullWeightAndTheEndsAreTheEndSounds()
    {
        float[][] waypoints = [[110f, 0f, 0.5f], [220f, 2.5f, 0.5f], [330f, 1f, 0.5f]];
        MonoAudio path = LatentPath.Render(SineDecoder, waypoints, 4);
        MonoAudio[] sources = SineDecoder(waypoints);
        // Apart from the first and last 12.5 ms (faded where the window is near zero), the ends are the end sounds.
        for (int i = 200; i < 4000; i++)
        {
            Assert.Equal(sources[0].Samples[i], path.Samples[i], 1e-4f);
            Assert.Equal(sources[2].Samples[^(i + 1)], path.Samples[^(i + 1)], 1e-4f);
        }

        // The middle waypoint sits at the centre of the path, where only its clip has weight: 2 s in, ±1 ms.
        for (int i = 32_000 - 16; i < 32_000 + 16; i++)
        {
            Assert.Equal(sources[1].Samples[i - 24_000], path.Samples[i], 1e-4f);
        }
    }

    [Fact]
    public void BadPathsAreRefusedWithOneLine()
    {
        float[][] two = [[110f, 0f, 0.5f], [220f, 0f, 0.5f]];
        Assert.Contains("2–30 seconds", Assert.Throws<AscimlException>(() => LatentPath.Render(SineDecoder, two, 1.5)).Message);
        Assert.Throws<AscimlException>(() => LatentPath.Render(SineDecoder, two, 31));
        Assert.Throws<AscimlException>(() => LatentPath.Render(SineDecoder, two, double.NaN));
        Assert.Contains("2–32 sounds", Assert.Throws<AscimlException>(() => LatentPath.Render(SineDecoder, two[..1], 5)).Message);
    }

    [Fact]
    public void ARealModelRendersAPathThroughSoundsAtTheExactLength()
    {
        TrainingResult trained = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(),
            new TrainingSettings { Epochs = 1, BatchSize = 2, Seed = 5, Threads = 1 }, cancellation: TestContext.Current.CancellationToken);
        using var model = new SoundModel(trained.Network, trained.Metadata);
        MonoAudio path = LatentPath.RenderThrough(model, [TestSounds.Tone(110), TestSounds.Tone(220), TestSounds.Tone(330)], 10);
        Assert.Equal(160_000, path.Samples.Length);
        Assert.All(path.Samples, s => Assert.True(float.IsFinite(s)));
        MonoAudio first = model.Reconstruct(TestSounds.Tone(110));
        for (int i = 200; i < 4000; i++)
        {
            Assert.Equal(first.Samples[i], path.Samples[i], 1e-4f);
        }
    }

    internal sealed record SfzRegion(string Sample, int LowKey, int HighKey, int KeyCenter, int LowVelocity, int HighVelocity);

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex Opcode();

    internal static List<SfzRegion> ParseSfz(string text)
    {
        var regions = new List<SfzRegion>();
        foreach (string line in text.Split('\n').Where(l => l.TrimStart().StartsWith("<region>", StringComparison.Ordinal)))
        {
            Dictionary<string, string> opcodes = Opcode().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            regions.Add(new SfzRegion(opcodes["sample"], int.Parse(opcodes["lokey"]), int.Parse(opcodes["hikey"]),
                int.Parse(opcodes["pitch_keycenter"]), int.Parse(opcodes["lovel"]), int.Parse(opcodes["hivel"])));
        }

        return regions;
    }

    internal static double KeyHz(int key) => 440 * Math.Pow(2, (key - 69) / 12.0);

    /// <summary>Checks structure and returns the measured F0 (Hz, null when unpitched) of each region's sample.</summary>
    internal static Dictionary<SfzRegion, double?> CheckPack(ZipArchive zip, int rateHz)
    {
        ZipArchiveEntry sfz = zip.GetEntry(InstrumentSettings.SfzFileName) ?? throw new Xunit.Sdk.XunitException("no SFZ in the pack");
        using var reader = new StreamReader(sfz.Open());
        string sfzText = reader.ReadToEnd();
        Assert.Contains("ampeg_release=", sfzText);
        Assert.NotNull(zip.GetEntry(InstrumentSettings.ReadmeFileName));
        List<SfzRegion> regions = ParseSfz(sfzText);
        Assert.Equal(17 * 2, regions.Count);

        // Every key C2..C6 and every velocity 1..127 is answered by exactly one region.
        for (int key = 36; key <= 84; key++)
        {
            foreach (int velocity in new[] { 1, 63, 64, 127 })
            {
                Assert.Single(regions, r => r.LowKey <= key && key <= r.HighKey && r.LowVelocity <= velocity && velocity <= r.HighVelocity);
            }
        }

        var measured = new Dictionary<SfzRegion, double?>();
        foreach (SfzRegion region in regions)
        {
            Assert.InRange(region.KeyCenter, region.LowKey, region.HighKey);
            ZipArchiveEntry entry = zip.GetEntry(region.Sample) ?? throw new Xunit.Sdk.XunitException($"{region.Sample} is not in the pack");
            using var content = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(content);
            }

            byte[] wav = content.ToArray();
            Assert.Equal(24, BitConverter.ToInt16(wav, 34));
            DecodedAudio decoded = WavReader.Read(wav, region.Sample);
            Assert.Equal(rateHz, decoded.Audio.SampleRateHz);
            Assert.Equal(rateHz, decoded.Audio.Samples.Length);
            measured[region] = ControlCurves.Extract(Resampler.Resample(decoded.Audio, 16000)).MedianF0Hz();
        }

        return measured;
    }

    private static double Cents(double hz, int key) => Math.Abs(1200 * Math.Log2(hz / KeyHz(key)));

    [Theory]
    [InlineData(48_000)]
    [InlineData(44_100)]
    public void AResampledSinePackIsCompleteAndEverySampleSoundsAtItsKeyCentre(int rateHz)
    {
        MonoAudio sine = new(Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 220 * i / 16000))).ToArray(), 16000);
        InstrumentSource source = InstrumentSource.FromSound(sine);
        Assert.Equal(57, source.OwnKey, 1); // A3
        using var stream = new MemoryStream();
        InstrumentPack.Write(stream, source, new InstrumentSettings { SampleRateHz = rateHz }, ["test sine"]);
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        foreach ((SfzRegion region, double? f0) in CheckPack(zip, rateHz))
        {
            Assert.True(f0 is not null, $"{region.Sample} has no pitch");
            Assert.True(Cents(f0!.Value, region.KeyCenter) <= 10, $"{region.Sample}: {f0} Hz, key centre {KeyHz(region.KeyCenter):0.##} Hz");
        }
    }

    [Fact]
    public void TheSoftLayerIsNineDecibelsBelowTheLoudOne()
    {
        MonoAudio sine = new(Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 220 * i / 16000))).ToArray(), 16000);
        using var stream = new MemoryStream();
        InstrumentPack.Write(stream, InstrumentSource.FromSound(sine), new InstrumentSettings(), ["test sine"]);
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        double Peak(string name)
        {
            using var content = new MemoryStream();
            using (Stream s = zip.GetEntry(name)!.Open())
            {
                s.CopyTo(content);
            }

            return WavReader.Read(content.ToArray(), name).Audio.Samples.Max(Math.Abs);
        }

        double ratioDb = 20 * Math.Log10(Peak("samples/A3_057_v1.wav") / Peak("samples/A3_057_v2.wav"));
        Assert.InRange(ratioDb, -9.05, -8.95);
    }

    [Fact]
    public void AnUnpitchedSoundPlaysAsItIsAtMiddleC()
    {
        var random = new Random(3);
        MonoAudio noise = new(Enumerable.Range(0, 16000).Select(_ => (float)(0.4 * (random.NextDouble() - 0.5))).ToArray(), 16000);
        InstrumentSource source = InstrumentSource.FromSound(noise);
        Assert.Null(source.F0Hz);
        Assert.Equal(60, source.OwnKey);
        Assert.Equal(noise.Samples, source.Transposed(0).Samples);
        Assert.NotEqual(noise.Samples, source.Transposed(3).Samples);
    }

    [Fact]
    public void ATimbreModelMovesTheMorphToEveryKeyCentre()
    {
        var data = TrainingData.FromAudio([TestSounds.Tone(220, 0.5, 0), TestSounds.Tone(330, 0.4, 0)], "two tones");
        TrainingResult trained = VaeTrainer.Train(TrainingStart.FromScratch(TimbreModelTests.TinyTimbre()), data,
            new TrainingSettings { Epochs = 30, BatchSize = 2, LearningRate = 1e-2, Threads = 1, Seed = 2 }, cancellation: TestContext.Current.CancellationToken);
        using var model = new SoundModel(trained.Network, trained.Metadata);
        InstrumentSource source = InstrumentSource.FromMorph(model, data.Clips[0].Audio, data.Clips[1].Audio, 0.3);
        Assert.NotNull(source.F0Hz);
        using var stream = new MemoryStream();
        InstrumentPack.Write(stream, source, new InstrumentSettings(), ["tiny timbre"]);
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()), ZipArchiveMode.Read);
        string[] outOfTune = CheckPack(zip, 48_000)
            .Where(pair => pair.Value is null || Cents(pair.Value.Value, pair.Key.KeyCenter) > 10)
            .Select(pair => $"{pair.Key.Sample}: {pair.Value} Hz vs {KeyHz(pair.Key.KeyCenter):0.##} Hz").ToArray();
        Assert.True(outOfTune.Length == 0, $"own {source.F0Hz} Hz; " + string.Join("; ", outOfTune));
    }

    [Fact]
    public void AMorphPacksProvenanceNamesTheModelTheSoundsAndTheAmount()
    {
        // Issue 12: `export-instrument` wrote these lines itself.
        string path = PretrainedModel.Resolve("pretrained-lite");
        using SoundModel model = SoundModel.Load(path);
        Assert.Equal(
        [
            $"Model: {Path.GetFileName(path)} (family waveform, preset lite, pitch control no)",
            "Morph: A = a.wav, B = s-123, amount 0.333 (0 = A, 1 = B)",
            "Made by: asciml export-instrument",
        ], InstrumentPack.MorphProvenance(path, model, "a.wav", "s-123", 1 / 3.0, "asciml export-instrument"));
    }
}
