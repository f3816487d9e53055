using Asciml.Core.Audio;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Synthesis;

public sealed class SynthesisContractTests
{
    public static TheoryData<string> PresetNames => new(SynthPresets.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void EveryPresetIsAClickFreeDcFreeModelInput(string presetName)
    {
        SynthPreset preset = SynthPresets.All.Single(p => p.Name == presetName);
        MonoAudio audio = Synthesizer.Render(preset.ToSettings());
        AssertCleanModelInput(audio.Samples);
    }

    [Fact]
    public void PretrainingCorpusCoversAllMethodsAndIsClean()
    {
        IReadOnlyList<SynthesizedSound> corpus = PretrainingCorpus.Create(40, seed: 7);
        Assert.Equal(40, corpus.Count);
        Assert.All(Enum.GetValues<SynthesisMethod>(), m => Assert.Equal(10, corpus.Count(s => s.Method == m)));
        Assert.All(corpus, s => AssertCleanModelInput(s.Audio.Samples));
        Assert.Equal(40, corpus.Select(s => s.Name).Distinct().Count());
    }

    private static void AssertCleanModelInput(float[] x)
    {
        Assert.Equal(ModelInputFormat.LengthSamples, x.Length);
        Assert.All(x, s => Assert.True(float.IsFinite(s)));
        float peak = x.Max(MathF.Abs);
        Assert.InRange(peak, 0.05f, 0.99f);
        Assert.True(Math.Abs(x.Average()) < 1e-4 * peak, "no DC offset");
        Assert.True(MathF.Abs(x[0]) < 1e-3f && MathF.Abs(x[^1]) < 1e-3f, "no click at the start or end");
    }

    [Fact]
    public void SameSeedGivesBitIdenticalVariationsAndAnotherSeedDifferentOnes()
    {
        SynthSettings bell = SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings();
        var first = VariationGenerator.Render(bell, 5, seed: 42);
        var again = VariationGenerator.Render(bell, 5, seed: 42);
        var other = VariationGenerator.Render(bell, 5, seed: 43);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(first[i].Audio.Samples, again[i].Audio.Samples);
            Assert.NotEqual(first[i].Audio.Samples, other[i].Audio.Samples);
        }

        Assert.Equal(WavWriter.ToBytes(first[0].Audio), WavWriter.ToBytes(again[0].Audio));
    }

    [Fact]
    public void FixedParametersAreNotVaried()
    {
        SynthSettings start = SynthSettings.Create(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = 300 });
        var variations = VariationGenerator.Vary(start, 20, seed: 1, fixedParameters: new HashSet<string> { "f0_hz" });
        Assert.All(variations, v => Assert.Equal(300, v["f0_hz"]));
        Assert.True(variations.Select(v => v["tilt_db_per_octave"]).Distinct().Count() > 10);
    }

    [Fact]
    public void UnknownParameterNamesAreRefusedWithTheValidNames()
    {
        var error = Assert.Throws<SynthesisParameterException>(() => SynthSettings.ParseAssignments(SynthesisMethod.Am, ["carrier=400"]));
        Assert.Contains("carrier_hz", error.Message);
    }

    [Fact]
    public void OutOfRangeValuesAreRefusedWithTheRange()
    {
        var error = Assert.Throws<SynthesisParameterException>(() => SynthSettings.ParseAssignments(SynthesisMethod.Am, ["depth=1.5"]));
        Assert.Contains("0 to 1", error.Message);
        Assert.Throws<SynthesisParameterException>(() => SynthSettings.ParseAssignments(SynthesisMethod.Subtractive, ["waveform=kazoo"]));
        Assert.Throws<SynthesisParameterException>(() => SynthSettings.ParseAssignments(SynthesisMethod.Fm, ["index=NaN"]));
    }

    [Fact]
    public void ChoicesAreReadByName()
    {
        IReadOnlyDictionary<string, double> values = SynthSettings.ParseAssignments(SynthesisMethod.Subtractive, ["waveform=square", "f0_hz=110"]);
        Assert.Equal("square", SynthSettings.Create(SynthesisMethod.Subtractive, values).Describe()["waveform"]);
    }
}
