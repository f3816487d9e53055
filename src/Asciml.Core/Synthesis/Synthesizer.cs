using Asciml.Core.Audio;

namespace Asciml.Core.Synthesis;

/// <summary>
/// Renders one second of sound — the model input: mono, 16 kHz, 16000 samples — from a method and its settings.
/// Every result is finite, free of DC, starts and ends without a click, and peaks at the chosen level (≤ −0.1 dBFS).
/// AM and FM are rendered oversampled and decimated with the band-limited resampler so their sidebands do not alias.
/// </summary>
public static class Synthesizer
{
    private const int OutputRateHz = ModelInputFormat.SampleRateHz;
    private const int Length = ModelInputFormat.LengthSamples;
    private const int EdgeFadeSamples = 32; // 2 ms: removes any step at the very start and end

    public static MonoAudio Render(SynthSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AdsrEnvelope envelope = AdsrEnvelope.From(settings);
        double[] signal = settings.Method switch
        {
            SynthesisMethod.Am => RenderOversampled(settings, envelope, factor: 2, RenderAm),
            SynthesisMethod.Fm => RenderOversampled(settings, envelope, factor: 4, RenderFm),
            SynthesisMethod.Subtractive => RenderSubtractive(settings, envelope),
            SynthesisMethod.Additive => RenderAdditive(settings, envelope),
            _ => throw new SynthesisParameterException($"unknown method {settings.Method}"),
        };
        return Finish(signal, envelope, settings["level_db"]);
    }

    /// <summary>The method's defaults with some values replaced (choices as their index); bad names or values are refused.</summary>
    public static MonoAudio Render(SynthesisMethod method, IReadOnlyDictionary<string, double>? overrides = null) =>
        Render(SynthSettings.Create(method, overrides));

    /// <summary>The same with values as text, as typed (choices by name: waveform = "square").</summary>
    public static MonoAudio Render(SynthesisMethod method, IReadOnlyDictionary<string, string> overrides) =>
        Render(SynthSettings.Create(method, SynthSettings.ParseValues(method, overrides)));

    private static double[] RenderOversampled(SynthSettings settings, AdsrEnvelope envelope, int factor, Func<SynthSettings, AdsrEnvelope, int, int, double[]> render)
    {
        int rateHz = OutputRateHz * factor;
        double[] oversampled = render(settings, envelope, rateHz, Length * factor);
        float[] asFloat = Array.ConvertAll(oversampled, v => (float)v);
        float[] decimated = Resampler.Resample(new MonoAudio(asFloat, rateHz), OutputRateHz).Samples;
        return Array.ConvertAll(decimated[..Length], v => (double)v);
    }

    private static double[] RenderAm(SynthSettings s, AdsrEnvelope envelope, int rateHz, int length)
    {
        string carrierWave = ParameterCatalogue.CarrierWaveforms[(int)s["carrier_waveform"]];
        string modulatorWave = ParameterCatalogue.ModulatorWaveforms[(int)s["modulator_waveform"]];
        double[] carrier = Oscillators.Render(carrierWave, s["carrier_hz"], rateHz, length);
        double modulatorHz = s["modulator_hz"];
        double[] modulator = modulatorWave == "sine" || modulatorHz < 20
            ? Oscillators.RenderControl(modulatorWave, modulatorHz, rateHz, length)
            : Oscillators.Render(modulatorWave, modulatorHz, rateHz, length);
        double depth = s["depth"];
        for (int i = 0; i < length; i++)
        {
            // Classic AM: (1 + m·x_m)·x_c, scaled so the peak stays at 1; sidebands sit at depth/2 of the carrier.
            carrier[i] *= (1 + (depth * modulator[i])) / (1 + depth) * envelope.LevelAt((double)i / rateHz);
        }

        return carrier;
    }

    private static double[] RenderFm(SynthSettings s, AdsrEnvelope envelope, int rateHz, int length)
    {
        double carrierHz = s["carrier_hz"];
        double modulatorHz = carrierHz * s["ratio"];
        double index = s["index"];
        double indexDecaySeconds = s["index_decay_s"];
        var output = new double[length];
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / rateHz;
            double currentIndex = indexDecaySeconds > 0 ? index * Math.Exp(-t / indexDecaySeconds) : index;
            output[i] = Math.Sin((2 * Math.PI * carrierHz * t) + (currentIndex * Math.Sin(2 * Math.PI * modulatorHz * t))) * envelope.LevelAt(t);
        }

        return output;
    }

    private static double[] RenderSubtractive(SynthSettings s, AdsrEnvelope envelope)
    {
        string waveform = ParameterCatalogue.Waveforms[(int)s["waveform"]];
        string filterType = ParameterCatalogue.FilterTypes[(int)s["filter_type"]];
        double noiseMix = waveform == "noise" ? 1 : s["noise_mix"];
        double[] source = waveform == "noise" ? new double[Length] : Oscillators.Render(waveform, s["f0_hz"], OutputRateHz, Length, s["pulse_width"]);
        if (noiseMix > 0)
        {
            var random = new Random((int)s["noise_seed"]);
            for (int i = 0; i < Length; i++)
            {
                source[i] = ((1 - noiseMix) * source[i]) + (noiseMix * ((2 * random.NextDouble()) - 1));
            }
        }

        var filter = new StateVariableFilter();
        double damping = StateVariableFilter.DampingFor(s["resonance"]);
        double cutoffHz = s["cutoff_hz"], envelopeOctaves = s["filter_env_octaves"], filterDecaySeconds = s["filter_decay_s"];
        var output = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            double t = (double)i / OutputRateHz;
            double sweptCutoffHz = cutoffHz * Math.Pow(2, envelopeOctaves * Math.Exp(-t / filterDecaySeconds));
            output[i] = filter.Process(source[i], sweptCutoffHz, damping, OutputRateHz, filterType) * envelope.LevelAt(t);
        }

        return output;
    }

    private static double[] RenderAdditive(SynthSettings s, AdsrEnvelope envelope)
    {
        double f0 = s["f0_hz"], tilt = s["tilt_db_per_octave"], balance = s["odd_even_balance"];
        double inharmonicity = s["inharmonicity"], decaySeconds = s["partial_decay_s"];
        int partials = (int)s["partials"];
        var output = new double[Length];
        var components = new Partial[partials];
        for (int n = 1; n <= partials; n++)
        {
            double frequencyHz = PartialFrequencyHz(f0, n, inharmonicity);
            double amplitude = Math.Pow(10, tilt * Math.Log2(n) / 20);
            if (n > 1)
            {
                amplitude *= n % 2 == 1 ? 1 - Math.Max(0, balance) : 1 + Math.Min(0, balance);
            }

            double partialDecay = decaySeconds > 0 ? decaySeconds / Math.Sqrt(n) : 0;
            components[n - 1] = new Partial(frequencyHz, amplitude, DecaySeconds: partialDecay);
        }

        Oscillators.AddSines(output, components, OutputRateHz);

        for (int i = 0; i < Length; i++)
        {
            output[i] *= envelope.LevelAt((double)i / OutputRateHz);
        }

        return output;
    }

    /// <summary>Stiff-string partial frequencies: f_n = n·f0·sqrt(1 + B·n²).</summary>
    public static double PartialFrequencyHz(double f0Hz, int partialNumber, double inharmonicity) =>
        partialNumber * f0Hz * Math.Sqrt(1 + (inharmonicity * partialNumber * partialNumber));

    /// <summary>Removes DC under the envelope, fades the edges, and sets the peak level.</summary>
    private static MonoAudio Finish(double[] signal, AdsrEnvelope envelope, double levelDb)
    {
        // Subtracting a multiple of the envelope removes the mean exactly while leaving silence silent.
        double[] shape = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            shape[i] = envelope.LevelAt((double)i / OutputRateHz);
        }

        for (int i = 0; i < EdgeFadeSamples; i++)
        {
            double gain = 0.5 - (0.5 * Math.Cos(Math.PI * i / EdgeFadeSamples));
            signal[i] *= gain;
            shape[i] *= gain;
            signal[Length - 1 - i] *= gain;
            shape[Length - 1 - i] *= gain;
        }

        double shapeSum = shape.Sum();
        if (shapeSum > 0)
        {
            double offset = signal.Sum() / shapeSum;
            for (int i = 0; i < Length; i++)
            {
                signal[i] -= offset * shape[i];
            }
        }

        double peak = signal.Max(Math.Abs);
        double target = Math.Pow(10, levelDb / 20);
        double gainToLevel = peak > 1e-12 ? target / peak : 0;
        var samples = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            samples[i] = (float)(signal[i] * gainToLevel);
        }

        return new MonoAudio(samples, OutputRateHz);
    }
}
