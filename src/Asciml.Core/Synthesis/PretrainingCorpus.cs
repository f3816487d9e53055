namespace Asciml.Core.Synthesis;

/// <summary>
/// The pretraining data (the paper: 640 synthesized sounds): the four methods in turn, each sound a strong
/// variation (amount 1) of one of the method's presets picked at random, so the corpus covers bells, plucks, pads,
/// noises, organs… at many pitches and envelopes. Deterministic for a seed.
/// </summary>
public static class PretrainingCorpus
{
    public static IReadOnlyList<SynthesizedSound> Create(int soundCount, int seed)
    {
        if (soundCount < 1)
        {
            throw new SynthesisParameterException($"the pretraining corpus needs at least one sound, not {soundCount}");
        }

        SynthesisMethod[] methods = Enum.GetValues<SynthesisMethod>();
        var settings = new List<SynthSettings>(soundCount);
        for (int i = 0; i < soundCount; i++)
        {
            SynthesisMethod method = methods[i % methods.Length];
            var random = new Random(SeedMixer.Mix(seed, i, 0xC0DE));
            IReadOnlyList<SynthPreset> presets = SynthPresets.For(method);
            SynthSettings start = presets[random.Next(presets.Count)].ToSettings();
            settings.Add(VariationGenerator.Vary(start, 1, random.Next(), amount: 1.0)[0]);
        }

        return VariationGenerator.RenderAll(settings, "pretrain");
    }
}
