using Asciml.Core.Audio;

namespace Asciml.Core.Features;

/// <summary>
/// The per-frame controls a pitch-aware model is driven by: F0 (Hz), voicing (1 = a pitch was found) and
/// loudness (RMS in dBFS), on frames of <see cref="HopSamples"/> samples (8 ms at 16 kHz): frame k is centred on
/// sample (k + ½)·hop, so <see cref="FrameCount"/> frames tile one model input exactly.
/// F0 is defined on every frame: unvoiced frames hold the nearest voiced frame's pitch (so a morph or a
/// transposition never jumps through an undefined value), and a clip with no pitch at all gets
/// <see cref="UnpitchedF0Hz"/> with voicing 0 throughout. <paramref name="Inharmonicity"/> is the stretch B of the
/// sound's partials (<see cref="WithInharmonicityOf"/>; 0 for a harmonic or unpitched sound): one value per sound.
/// </summary>
public sealed record ControlCurves(float[] F0Hz, float[] Voicing, float[] LoudnessDb, double Inharmonicity = 0)
{
    public const int HopSamples = 128;
    public const int FrameCount = ModelInputFormat.LengthSamples / HopSamples;

    /// <summary>Middle C: the pitch given to clips in which no frame is voiced.</summary>
    public const double UnpitchedF0Hz = 261.6256;

    /// <summary>Loudness floor: −100 dBFS stands for digital silence.</summary>
    public const double SilenceDb = -100;

    /// <summary>
    /// YIN's first integration window for the controls: 400 samples (25 ms, the YIN paper's choice), because a
    /// voice's pitch glides within a longer window and its frames then miss the threshold. Frames it leaves
    /// unvoiced get a second try with the descriptors' 704-sample window (<see cref="Yin.DescriptorWindowSamples"/>),
    /// which low or weakly periodic notes need (C2 is 245 samples a period; the exported packs' C2–A2 samples of
    /// a tiny model were unvoiced with the short window alone). Measured on the quality set against the 704
    /// window alone: voiced frames of the espeak vowels 24 → 71 (sung-aa-low), 71 → 105 (sung-ah-mid), 28 → 49
    /// (spoken-oh); the instrument notes' F0 unchanged (51 of 56 within 50 cents either way).
    /// </summary>
    public const int YinWindowSamples = 400;

    private const int LoudnessWindow = 512;
    private const int MedianSpan = 5;

    /// <summary>True when at least 10 % of frames carry a pitch (enough to transpose or to measure F0).</summary>
    public bool IsPitched => Voicing.Count(v => v > 0.5f) >= FrameCount / 10;

    /// <summary>Controls of a model input (16 kHz, 16000 samples).</summary>
    public static ControlCurves Extract(MonoAudio sound)
    {
        ModelInputFormat.Check(sound, "the sound for control curves");

        float[] samples = sound.Samples;
        var f0 = new double?[FrameCount];
        var loudness = new float[FrameCount];
        // Frames are independent, so they are spread over the cores (each worker its own YIN state). Measured
        // inside an encode, where libtorch's OpenMP workers still spin on both cores after each op, one thread
        // was slower still (noise input: encode 26 → 40 ms median in `bench infer`).
        Parallel.For(0, FrameCount, () => new FramePitch(), (k, _, pitch) =>
        {
            int centre = (k * HopSamples) + (HopSamples / 2);
            f0[k] = pitch.Estimate(samples, centre);
            loudness[k] = RmsDb(samples, centre - (LoudnessWindow / 2), LoudnessWindow);
            return pitch;
        }, _ => { });

        float[] voicing = f0.Select(value => value is null ? 0f : 1f).ToArray();
        return new ControlCurves(Fill(MedianOfVoiced(f0)), voicing, loudness);
    }

    /// <summary>
    /// These curves with the stretch of <paramref name="sound"/>'s partials measured (<see cref="StringInharmonicity"/>,
    /// 0.3–1 ms); only a model that plays the partials needs it, so <see cref="Extract"/> alone, which the pitch
    /// measurements call on every output, leaves it 0.
    /// </summary>
    public ControlCurves WithInharmonicityOf(MonoAudio sound) => MedianF0Hz() is double medianHz
        ? this with { Inharmonicity = StringInharmonicity.Estimate(sound.Samples, medianHz, sound.SampleRateHz) }
        : this;

    /// <summary>One worker's YIN state: the short window first, the long one for frames it leaves unvoiced.</summary>
    private sealed class FramePitch
    {
        private const double RetryBelowDip = 0.45;

        private readonly Yin _short = new(YinWindowSamples);
        private readonly Yin _long = new(Yin.DescriptorWindowSamples);
        private readonly float[] _frame = new float[Yin.DescriptorWindowSamples + Yin.MaximumLag];

        public double? Estimate(float[] samples, int centre)
        {
            Window(samples, centre - (_frame.Length / 2), _frame);
            int shortStart = (_frame.Length - _short.FrameSamples) / 2;
            // A frame whose best dip is far above the threshold (noise: 0.6–0.9) is not retried: on noise
            // input the second full scan doubled the control curves' cost.
            return _short.Estimate(_frame.AsSpan(shortStart, _short.FrameSamples), out double lowestDip)
                ?? (lowestDip < RetryBelowDip ? _long.Estimate(_frame) : null);
        }
    }

    /// <summary>The median F0 over voiced frames, or null for an unpitched clip.</summary>
    public double? MedianF0Hz()
    {
        double[] voiced = F0Hz.Where((_, k) => Voicing[k] > 0.5f).Select(f => (double)f).Order().ToArray();
        return voiced.Length == 0 || !IsPitched ? null : voiced[voiced.Length / 2];
    }

    private static void Window(float[] samples, int start, float[] frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            int index = start + i;
            frame[i] = index >= 0 && index < samples.Length ? samples[index] : 0f;
        }
    }

    private static float RmsDb(float[] samples, int start, int length)
    {
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            int index = start + i;
            if (index >= 0 && index < samples.Length)
            {
                sum += (double)samples[index] * samples[index];
            }
        }

        double rms = Math.Sqrt(sum / length);
        return (float)Math.Max(SilenceDb, 20 * Math.Log10(rms + 1e-12));
    }

    /// <summary>A running median of log-F0 over each voiced frame's voiced neighbours: removes single-frame octave slips.</summary>
    private static double?[] MedianOfVoiced(double?[] f0)
    {
        var smoothed = new double?[f0.Length];
        var window = new List<double>(MedianSpan);
        for (int k = 0; k < f0.Length; k++)
        {
            if (f0[k] is null)
            {
                continue;
            }

            window.Clear();
            for (int j = Math.Max(0, k - (MedianSpan / 2)); j <= Math.Min(f0.Length - 1, k + (MedianSpan / 2)); j++)
            {
                if (f0[j] is double value)
                {
                    window.Add(Math.Log(value));
                }
            }

            window.Sort();
            smoothed[k] = Math.Exp(window[window.Count / 2]);
        }

        return smoothed;
    }

    /// <summary>Unvoiced frames take the nearest voiced frame's F0 (earlier one on ties); none voiced: middle C.</summary>
    private static float[] Fill(double?[] f0)
    {
        var filled = new float[f0.Length];
        int? last = null;
        var nextVoiced = new int?[f0.Length];
        int? next = null;
        for (int k = f0.Length - 1; k >= 0; k--)
        {
            if (f0[k] is not null)
            {
                next = k;
            }

            nextVoiced[k] = next;
        }

        for (int k = 0; k < f0.Length; k++)
        {
            if (f0[k] is double value)
            {
                filled[k] = (float)value;
                last = k;
                continue;
            }

            int? chosen = (last, nextVoiced[k]) switch
            {
                (int before, int after) => k - before <= after - k ? before : after,
                (int before, null) => before,
                (null, int after) => after,
                _ => null,
            };
            filled[k] = chosen is int index ? (float)f0[index]!.Value : (float)UnpitchedF0Hz;
        }

        return filled;
    }
}
