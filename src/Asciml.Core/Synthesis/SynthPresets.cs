namespace Asciml.Core.Synthesis;

/// <summary>A named starting point for one method.</summary>
public sealed record SynthPreset(string Name, SynthesisMethod Method, string Description, IReadOnlyDictionary<string, double> Values)
{
    public SynthSettings ToSettings() => SynthSettings.Create(Method, Values);
}

/// <summary>Starting points musicians recognise: bells, brass, plucks, pads, organs, wobbles…</summary>
public static class SynthPresets
{
    private static SynthPreset P(string name, SynthesisMethod method, string description, params (string Name, double Value)[] values) =>
        new(name, method, description, values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    private static double Wave(string name) => ParameterCatalogue.Waveforms.ToList().IndexOf(name);

    private static double Filter(string name) => ParameterCatalogue.FilterTypes.ToList().IndexOf(name);

    public static IReadOnlyList<SynthPreset> All { get; } =
    [
        P("tremolo", SynthesisMethod.Am, "A steady tone with a slow pulse", ("carrier_hz", 330), ("modulator_hz", 6), ("depth", 0.7), ("attack_s", 0.05), ("sustain", 0.9), ("note_s", 0.8)),
        P("ring", SynthesisMethod.Am, "Fast modulation: metallic sidebands", ("carrier_hz", 600), ("modulator_hz", 230), ("depth", 1), ("attack_s", 0.005), ("decay_s", 0.4), ("sustain", 0.3)),
        P("wobble", SynthesisMethod.Am, "A saw that throbs", ("carrier_hz", 110), ("carrier_waveform", 2), ("modulator_hz", 4), ("modulator_waveform", 1), ("depth", 0.9), ("sustain", 1), ("note_s", 0.9)),
        P("bell", SynthesisMethod.Fm, "Inharmonic ratio, long decaying brightness", ("carrier_hz", 440), ("ratio", 1.4), ("index", 8), ("index_decay_s", 0.5), ("attack_s", 0.002), ("decay_s", 0.9), ("sustain", 0), ("release_s", 0.3), ("note_s", 0.95)),
        P("brass", SynthesisMethod.Fm, "Harmonic ratio, brightness follows the swell", ("carrier_hz", 220), ("ratio", 1), ("index", 5), ("index_decay_s", 0.4), ("attack_s", 0.06), ("decay_s", 0.2), ("sustain", 0.8), ("note_s", 0.7)),
        P("electric-piano", SynthesisMethod.Fm, "Soft tine: ratio 1, quick index decay", ("carrier_hz", 330), ("ratio", 1), ("index", 2.5), ("index_decay_s", 0.15), ("attack_s", 0.003), ("decay_s", 0.6), ("sustain", 0.2)),
        P("wood-drum", SynthesisMethod.Fm, "Short knock", ("carrier_hz", 180), ("ratio", 1.5), ("index", 4), ("index_decay_s", 0.05), ("attack_s", 0.001), ("decay_s", 0.15), ("sustain", 0), ("release_s", 0.05), ("note_s", 0.2)),
        P("pluck", SynthesisMethod.Subtractive, "Saw through a quickly closing low-pass", ("waveform", Wave("saw")), ("f0_hz", 196), ("cutoff_hz", 400), ("resonance", 0.3), ("filter_env_octaves", 4), ("filter_decay_s", 0.12), ("attack_s", 0.002), ("decay_s", 0.4), ("sustain", 0), ("release_s", 0.1)),
        P("pad", SynthesisMethod.Subtractive, "Slow square pad", ("waveform", Wave("square")), ("pulse_width", 0.3), ("f0_hz", 147), ("cutoff_hz", 900), ("resonance", 0.2), ("filter_env_octaves", 1), ("filter_decay_s", 0.8), ("attack_s", 0.35), ("decay_s", 0.3), ("sustain", 0.8), ("note_s", 0.8)),
        P("acid", SynthesisMethod.Subtractive, "Squelchy resonant bass", ("waveform", Wave("saw")), ("f0_hz", 55), ("cutoff_hz", 250), ("resonance", 0.85), ("filter_env_octaves", 3), ("filter_decay_s", 0.2), ("attack_s", 0.003), ("sustain", 0.6)),
        P("hi-hat", SynthesisMethod.Subtractive, "Filtered noise burst", ("waveform", Wave("noise")), ("filter_type", Filter("highpass")), ("cutoff_hz", 6000), ("resonance", 0.1), ("filter_env_octaves", 0), ("attack_s", 0.001), ("decay_s", 0.08), ("sustain", 0), ("release_s", 0.03), ("note_s", 0.1)),
        P("wind", SynthesisMethod.Subtractive, "Band-passed noise", ("waveform", Wave("noise")), ("filter_type", Filter("bandpass")), ("cutoff_hz", 800), ("resonance", 0.7), ("filter_env_octaves", 1), ("filter_decay_s", 0.6), ("attack_s", 0.3), ("sustain", 0.8), ("note_s", 0.8)),
        P("organ", SynthesisMethod.Additive, "Steady, bright, all partials", ("f0_hz", 262), ("partials", 8), ("tilt_db_per_octave", -3), ("attack_s", 0.01), ("sustain", 1), ("note_s", 0.85), ("release_s", 0.08)),
        P("clarinet", SynthesisMethod.Additive, "Odd partials only: hollow", ("f0_hz", 233), ("partials", 15), ("tilt_db_per_octave", -4), ("odd_even_balance", -1), ("attack_s", 0.04), ("sustain", 0.9), ("note_s", 0.8)),
        P("piano", SynthesisMethod.Additive, "Stretched partials that decay", ("f0_hz", 131), ("partials", 30), ("tilt_db_per_octave", -7), ("inharmonicity", 0.0004), ("partial_decay_s", 1.5), ("attack_s", 0.002), ("decay_s", 0.9), ("sustain", 0.3)),
        P("glass", SynthesisMethod.Additive, "Few, very stretched partials", ("f0_hz", 880), ("partials", 6), ("tilt_db_per_octave", -2), ("inharmonicity", 0.008), ("partial_decay_s", 0.8), ("attack_s", 0.001), ("decay_s", 0.8), ("sustain", 0)),
    ];

    public static IReadOnlyList<SynthPreset> For(SynthesisMethod method) => All.Where(p => p.Method == method).ToList();

    /// <summary>Where synthesis starts: a preset's settings, or the method's defaults when no preset is named (null or empty).</summary>
    public static SynthSettings Start(SynthesisMethod method, string? presetName) =>
        string.IsNullOrEmpty(presetName) ? SynthSettings.Defaults(method) : Find(method, presetName).ToSettings();

    public static SynthPreset Find(SynthesisMethod method, string name) =>
        All.FirstOrDefault(p => p.Method == method && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SynthesisParameterException($"{method.ToName()} has no preset '{name}' (it has {string.Join(", ", For(method).Select(p => p.Name))})");
}
