namespace Asciml.Core.Synthesis;

/// <summary>Every method's parameters: the single source for validation, the CLI's --list-params and the web's controls.</summary>
public static class ParameterCatalogue
{
    public static readonly IReadOnlyList<string> Waveforms = ["saw", "square", "triangle", "noise"];
    public static readonly IReadOnlyList<string> CarrierWaveforms = ["sine", "triangle", "saw", "square"];
    public static readonly IReadOnlyList<string> ModulatorWaveforms = ["sine", "triangle", "square", "saw"];
    public static readonly IReadOnlyList<string> FilterTypes = ["lowpass", "highpass", "bandpass"];

    private static readonly SynthParameter[] Envelope =
    [
        new("attack_s", "Attack", "s", 0.001, 1.0, 0.01, "Time to reach full level", ParameterScale.Logarithmic),
        new("decay_s", "Decay", "s", 0.001, 1.0, 0.15, "Time to fall from full level to the sustain level", ParameterScale.Logarithmic),
        new("sustain", "Sustain", "", 0.0, 1.0, 0.7, "Level held while the note is on (0..1)"),
        new("release_s", "Release", "s", 0.001, 1.0, 0.2, "Fade after the note ends", ParameterScale.Logarithmic),
        new("note_s", "Note length", "s", 0.05, 1.0, 0.6, "How long the note is held before its release", ParameterScale.Logarithmic),
        new("level_db", "Level", "dBFS", -24, -0.1, -1, "Peak level of the finished sound"),
    ];

    private static readonly Dictionary<SynthesisMethod, SynthParameter[]> Own = new()
    {
        [SynthesisMethod.Am] =
        [
            new("carrier_hz", "Carrier", "Hz", 30, 4000, 440, "Pitch of the sound being modulated", ParameterScale.Logarithmic),
            new("modulator_hz", "Modulator", "Hz", 0.5, 2000, 110, "Speed of the loudness modulation: slow = tremolo, fast = sidebands (new pitches)", ParameterScale.Logarithmic),
            new("depth", "Depth", "", 0, 1, 0.8, "How strongly the modulator shapes the loudness (0..1)"),
            new("carrier_waveform", "Carrier wave", "", 0, CarrierWaveforms.Count - 1, 0, "Shape of the carrier", Choices: CarrierWaveforms),
            new("modulator_waveform", "Modulator wave", "", 0, ModulatorWaveforms.Count - 1, 0, "Shape of the modulation", Choices: ModulatorWaveforms),
        ],
        [SynthesisMethod.Fm] =
        [
            new("carrier_hz", "Carrier", "Hz", 30, 4000, 220, "Pitch of the carrier", ParameterScale.Logarithmic),
            new("ratio", "Harmonicity ratio", "", 0.1, 16, 1, "Modulator frequency / carrier frequency: whole numbers sound harmonic, others bell-like", ParameterScale.Logarithmic),
            new("index", "Index", "", 0, 20, 3, "Modulation index: how many sidebands, i.e. how bright"),
            new("index_decay_s", "Index decay", "s", 0, 2, 0.3, "Time for the brightness to fall by 1/e (0 = constant index)"),
        ],
        [SynthesisMethod.Subtractive] =
        [
            new("waveform", "Waveform", "", 0, Waveforms.Count - 1, 0, "Oscillator shape (band-limited)", Choices: Waveforms),
            new("f0_hz", "Pitch", "Hz", 30, 2000, 110, "Oscillator pitch", ParameterScale.Logarithmic),
            new("pulse_width", "Pulse width", "", 0.05, 0.95, 0.5, "Square wave duty cycle (0.5 = square)"),
            new("noise_mix", "Noise mix", "", 0, 1, 0, "Amount of white noise mixed into the oscillator"),
            new("filter_type", "Filter", "", 0, FilterTypes.Count - 1, 0, "Filter response", Choices: FilterTypes),
            new("cutoff_hz", "Cutoff", "Hz", 40, 7500, 1200, "Filter cutoff frequency", ParameterScale.Logarithmic),
            new("resonance", "Resonance", "", 0, 1, 0.3, "Emphasis at the cutoff (0..1; near 1 it rings)"),
            new("filter_env_octaves", "Filter envelope", "oct", -4, 6, 2, "How far the cutoff jumps at the start of the note and decays back (0 = static filter)"),
            new("filter_decay_s", "Filter decay", "s", 0.01, 2, 0.25, "Time for the filter sweep to fall by 1/e", ParameterScale.Logarithmic),
            new("noise_seed", "Noise seed", "", 0, 1_000_000, 1, "Which noise (same seed, same noise)", IsInteger: true),
        ],
        [SynthesisMethod.Additive] =
        [
            new("f0_hz", "Pitch", "Hz", 30, 2000, 220, "Fundamental frequency", ParameterScale.Logarithmic),
            new("partials", "Partials", "", 1, 64, 12, "Number of partials (those above 7.9 kHz are skipped)", IsInteger: true),
            new("tilt_db_per_octave", "Spectral tilt", "dB/oct", -24, 6, -6, "Level change per octave: negative = darker"),
            new("odd_even_balance", "Odd/even balance", "", -1, 1, 0, "-1 = odd partials only (hollow), +1 = even partials stressed"),
            new("inharmonicity", "Inharmonicity", "B", 0, 0.01, 0, "Stretch of partials, f_n = n f0 sqrt(1 + B n^2) (pianos, bells)"),
            new("partial_decay_s", "Partial decay", "s", 0, 4, 0, "Decay time of the fundamental; higher partials die faster (0 = no decay)"),
        ],
    };

    public static IReadOnlyList<SynthParameter> For(SynthesisMethod method) => [.. Own[method], .. Envelope];

    public static SynthParameter Find(SynthesisMethod method, string name) =>
        For(method).FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SynthesisParameterException($"{method.ToName()} has no parameter '{name}' (it has {string.Join(", ", For(method).Select(p => p.Name))})");
}
