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

    public static TheoryData<SynthesisMethod, string, bool> ParameterExtremes()
    {
        var data = new TheoryData<SynthesisMethod, string, bool>();
        foreach (SynthesisMethod method in Enum.GetValues<SynthesisMethod>())
        {
            foreach (SynthParameter parameter in ParameterCatalogue.For(method))
            {
                data.Add(method, parameter.Name, false);
                data.Add(method, parameter.Name, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParameterExtremes))]
    public void EveryParameterAtEitherEndOfItsRangeStillGivesACleanSound(SynthesisMethod method, string name, bool atMaximum)
    {
        SynthParameter parameter = ParameterCatalogue.Find(method, name);
        // Full resonance, a swept filter and white noise are the hardest case for the filter's stability.
        var values = new Dictionary<string, double> { [name] = atMaximum ? parameter.Maximum : parameter.Minimum };
        if (method == SynthesisMethod.Subtractive && name != "resonance")
        {
            values["resonance"] = 1;
        }

        MonoAudio audio = Synthesizer.Render(method, values);
        AssertCleanModelInput(audio.Samples);
    }

    [Fact]
    public void CatalogueHasTheContractNamesAndMusicianLabels()
    {
        string[] envelope = ["attack_s", "decay_s", "sustain", "release_s"];
        var contract = new Dictionary<SynthesisMethod, string[]>
        {
            [SynthesisMethod.Am] = ["carrier_hz", "modulator_hz", "depth"],
            [SynthesisMethod.Fm] = ["carrier_hz", "ratio", "index", "index_decay_s"],
            [SynthesisMethod.Subtractive] = ["waveform", "f0_hz", "cutoff_hz", "resonance", "filter_env_octaves"],
            [SynthesisMethod.Additive] = ["f0_hz", "partials", "tilt_db_per_octave", "inharmonicity"],
        };
        foreach ((SynthesisMethod method, string[] names) in contract)
        {
            IReadOnlyList<SynthParameter> parameters = ParameterCatalogue.For(method);
            Assert.All(names.Concat(envelope), n => Assert.Contains(parameters, p => p.Name == n));
            Assert.All(parameters, p =>
            {
                Assert.False(string.IsNullOrWhiteSpace(p.Label));
                Assert.False(string.IsNullOrWhiteSpace(p.Description));
                Assert.InRange(p.Default, p.Minimum, p.Maximum);
            });
        }

        Assert.Equal(["saw", "square", "triangle", "noise"], ParameterCatalogue.Find(SynthesisMethod.Subtractive, "waveform").Choices!);
        Assert.Equal(0, ParameterCatalogue.Find(SynthesisMethod.Am, "depth").Minimum);
        Assert.Equal(1, ParameterCatalogue.Find(SynthesisMethod.Am, "depth").Maximum);
    }

    [Fact]
    public void PresetsIncludeTheFamiliarStartingPointsForEveryMethod()
    {
        Assert.All(Enum.GetValues<SynthesisMethod>(), m => Assert.True(SynthPresets.For(m).Count >= 3));
        foreach (string name in new[] { "bell", "brass", "pluck", "pad", "organ", "wobble" })
        {
            Assert.Contains(SynthPresets.All, p => p.Name == name);
        }

        var error = Assert.Throws<SynthesisParameterException>(() => SynthPresets.Find(SynthesisMethod.Fm, "kazoo"));
        Assert.Contains("bell", error.Message);
    }

    [Fact]
    public void VariationsStayWithinAnOctaveOnFrequenciesAndChangeOnlyUnfixedParameters()
    {
        SynthSettings start = SynthPresets.Find(SynthesisMethod.Fm, "brass").ToSettings();
        IReadOnlyList<SynthSettings> variations = VariationGenerator.Vary(start, 200, seed: 3, fixedParameters: new HashSet<string> { "ratio" }, amount: 0.5);
        double[] octaves = variations.Select(v => Math.Log2(v["carrier_hz"] / start["carrier_hz"])).ToArray();
        Assert.All(octaves, o => Assert.InRange(o, -0.5, 0.5));
        Assert.True(octaves.Min() < -0.4 && octaves.Max() > 0.4, "the variations use the whole half-octave on each side");
        Assert.All(variations, v => Assert.Equal(start["ratio"], v["ratio"]));
        Assert.All(variations, v => Assert.Equal(start["level_db"], v["level_db"]));
        Assert.Equal(200, variations.Select(v => v["index"]).Distinct().Count());
    }

    [Fact]
    public void NoVariationAmountReproducesTheSettings()
    {
        SynthSettings start = SynthPresets.Find(SynthesisMethod.Additive, "piano").ToSettings();
        Assert.All(VariationGenerator.Vary(start, 3, seed: 5, amount: 0), v => Assert.Equal(start.Values, v.Values));
    }

    [Fact]
    public void PretrainingCorpusIsDeterministicForItsSeed()
    {
        IReadOnlyList<SynthesizedSound> first = PretrainingCorpus.Create(8, seed: 11), again = PretrainingCorpus.Create(8, seed: 11), other = PretrainingCorpus.Create(8, seed: 12);
        Assert.Equal(first.Select(s => s.Audio.Samples), again.Select(s => s.Audio.Samples));
        Assert.All(Enumerable.Range(0, 8), i => Assert.NotEqual(first[i].Audio.Samples, other[i].Audio.Samples));
        Assert.Equal("pretrain-0001", first[0].Name);
        Assert.Throws<SynthesisParameterException>(() => PretrainingCorpus.Create(0, seed: 1));
    }

    [Fact]
    public void SettingsTypedAsTextRenderLikeTheirNumbers()
    {
        MonoAudio typed = Synthesizer.Render(SynthesisMethod.Subtractive, new Dictionary<string, string> { ["waveform"] = "square", ["f0_hz"] = "220.5" });
        MonoAudio numeric = Synthesizer.Render(SynthesisMethod.Subtractive, new Dictionary<string, double> { ["waveform"] = 1, ["f0_hz"] = 220.5 });
        Assert.Equal(numeric.Samples, typed.Samples);
        Assert.Throws<SynthesisParameterException>(() => Synthesizer.Render(SynthesisMethod.Subtractive, new Dictionary<string, string> { ["f0"] = "220" }));
    }

    [Fact]
    public void LevelSetsThePeakAndNeverExceedsPointNineNine()
    {
        Assert.Equal(Math.Pow(10, -6.0 / 20), Synthesizer.Render(SynthesisMethod.Am, new Dictionary<string, double> { ["level_db"] = -6 }).Samples.Max(MathF.Abs), 1e-4);
        Assert.Throws<SynthesisParameterException>(() => Synthesizer.Render(SynthesisMethod.Am, new Dictionary<string, double> { ["level_db"] = 0 }));
    }
}
