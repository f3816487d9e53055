using Asciml.Core.Audio;
using Asciml.Core.Synthesis;
using System.Numerics;
using Asciml.Core.Tests.Audio;
using MathNet.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Asciml.Core.Tests.Synthesis;

/// <summary>Checks the physics of each method, not just shapes.</summary>
public sealed class SynthesisPhysicsTests
{
    private static readonly Dictionary<string, double> Steady = new()
    {
        ["attack_s"] = 0.001, ["decay_s"] = 0.001, ["sustain"] = 1, ["note_s"] = 1, ["release_s"] = 0.001,
    };

    private static Dictionary<string, double> With(params (string Name, double Value)[] values)
    {
        var all = new Dictionary<string, double>(Steady);
        foreach ((string name, double value) in values)
        {
            all[name] = value;
        }

        return all;
    }

    // Analyse the steady middle of the clip: 12000 samples hold a whole number of periods of every 4 Hz multiple.
    private static double Level(float[] x, double frequencyHz) => TestWav.Amplitude(x, frequencyHz, 16000, skip: 2000);

    /// <summary>Level over the whole of a slice.</summary>
    private static double LevelIn(float[] slice, double frequencyHz) => TestWav.Amplitude(slice, frequencyHz, 16000);

    private static double Db(double ratio) => 20 * Math.Log10(ratio);

    [Fact]
    public void AmSidebandsSitAtCarrierPlusMinusModulatorAtHalfTheDepth()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Am, With(("carrier_hz", 1000), ("modulator_hz", 200), ("depth", 0.6))).Samples;
        double carrier = Level(x, 1000);
        Assert.InRange(Db(Level(x, 1200) / carrier), Db(0.3) - 0.2, Db(0.3) + 0.2);
        Assert.InRange(Db(Level(x, 800) / carrier), Db(0.3) - 0.2, Db(0.3) + 0.2);
        Assert.True(Db(Level(x, 1400) / carrier) < -60, "a sine modulator makes only the first sidebands");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.4)]
    public void FmPeaksFollowBesselFunctionsOfTheIndex(double index)
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Fm, With(("carrier_hz", 1000), ("ratio", 0.25), ("index", index), ("index_decay_s", 0))).Samples;
        double reference = Level(x, 1000) / Math.Abs(BesselJ(0, index));
        for (int k = 1; k <= 2; k++)
        {
            double expectedDb = Db(Math.Abs(BesselJ(k, index)));
            Assert.InRange(Db(Level(x, 1000 + (250 * k)) / reference), expectedDb - 1, expectedDb + 1);
        }
    }

    [Fact]
    public void AdditivePartialsSitAtTheirInharmonicFrequencies()
    {
        const double B = 0.002;
        float[] x = Synthesizer.Render(SynthesisMethod.Additive, With(("f0_hz", 200), ("partials", 6), ("inharmonicity", B), ("tilt_db_per_octave", 0))).Samples;
        for (int n = 1; n <= 6; n++)
        {
            double expected = n * 200 * Math.Sqrt(1 + (B * n * n));
            double best = Enumerable.Range(-40, 81).Select(i => expected + (i * 0.25)).MaxBy(f => Level(x, f));
            Assert.InRange(best, expected - 0.5, expected + 0.5);
        }
    }

    [Fact]
    public void LowPassFallsTwelveDecibelsPerOctaveAboveCutoff()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", 0), ("f0_hz", 50), ("cutoff_hz", 250), ("resonance", 0), ("filter_env_octaves", 0))).Samples;
        // The saw's harmonics fall 6.02 dB per octave themselves; the filter adds its own 12 dB per octave.
        double octaveDrop = Db(Level(x, 1000) / Level(x, 2000)) - Db(2);
        Assert.InRange(octaveDrop, 11, 13.5);
    }

    [Fact]
    public void AdsrTimingsAreWithinOneMillisecond()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double>
        {
            ["f0_hz"] = 2000, ["partials"] = 1, ["attack_s"] = 0.1, ["decay_s"] = 0.1, ["sustain"] = 0.5, ["note_s"] = 0.5, ["release_s"] = 0.2,
        }).Samples;
        double[] envelope = Enumerable.Range(0, x.Length).Select(i => Enumerable.Range(Math.Max(0, i - 4), Math.Min(8, x.Length - Math.Max(0, i - 4))).Max(j => (double)Math.Abs(x[j]))).ToArray();
        double peak = envelope.Max();
        double peakSeconds = Array.IndexOf(envelope, peak) / 16000.0;
        Assert.InRange(peakSeconds, 0.099, 0.101);
        double sustainReachedSeconds = Array.FindIndex(envelope, 1600, e => e <= peak * 0.5025) / 16000.0;
        Assert.InRange(sustainReachedSeconds, 0.199, 0.201);
        Assert.InRange(envelope[5600] / peak, 0.49, 0.51);
        double silentFromSeconds = (Array.FindLastIndex(envelope, e => e > peak * 0.0005) + 1) / 16000.0;
        Assert.InRange(silentFromSeconds, 0.699, 0.701);
    }

    [Fact]
    public void BandLimitedSawKeepsAliasesBelowMinus60Decibels()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", 0), ("f0_hz", 1900), ("cutoff_hz", 7500), ("resonance", 0), ("filter_env_octaves", 0))).Samples;
        double fundamental = Level(x, 1900);
        // Harmonics above 8 kHz would fold to 16000 − n·1900: 6500, 4600, 2700, 800 Hz.
        foreach (double alias in new[] { 6500.0, 4600, 2700, 800 })
        {
            Assert.True(Db(Level(x, alias) / fundamental) < -60, $"alias at {alias} Hz");
        }
    }

    [Theory]
    [InlineData(0, 1900.0)] // saw
    [InlineData(0, 1950.0)]
    [InlineData(0, 1730.0)]
    [InlineData(0, 1234.0)]
    [InlineData(1, 1950.0)] // square
    [InlineData(2, 1950.0)] // triangle
    public void BandLimitedOscillatorsHaveNothingBetweenTheirHarmonics(int waveform, double f0Hz)
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", waveform), ("f0_hz", f0Hz), ("pulse_width", 0.3), ("cutoff_hz", 7500), ("resonance", 0), ("filter_env_octaves", 0))).Samples;
        double worstDb = StrongestNonHarmonicDb(x, f0Hz);
        Assert.True(worstDb < -60, $"strongest alias of a {f0Hz} Hz waveform {waveform}: {worstDb:F1} dB");
    }

    [Fact]
    public void TwoKilohertzSawHasTheTheoreticalHarmonicLevels()
    {
        // At exactly 2 kHz the aliases of a naive saw would land on its own harmonics (16000 − 2000 n), changing
        // their levels instead of adding new lines: harmonic n must be 1/n of the fundamental to within −60 dB.
        // A 40 Hz high-pass (Q 0.5) passes 2–6 kHz to within 0.04 %.
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", 0), ("f0_hz", 2000), ("filter_type", 1), ("cutoff_hz", 40), ("resonance", 0), ("filter_env_octaves", 0))).Samples;
        double fundamental = Level(x, 2000);
        for (int n = 2; n <= 3; n++)
        {
            double error = Math.Abs((Level(x, 2000 * n) / fundamental) - (1.0 / n));
            Assert.True(Db(error) < -60, $"harmonic {n}: level error {Db(error):F1} dB");
        }

        Assert.True(Db(Level(x, 6000) / fundamental) > -20, "the third harmonic is there (the high-pass did not remove it)");
    }

    [Fact]
    public void HighPassRisesTwelveDecibelsPerOctaveBelowCutoff()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", 0), ("f0_hz", 100), ("filter_type", 1), ("cutoff_hz", 4000), ("resonance", 0), ("filter_env_octaves", 0))).Samples;
        // Saw harmonics 400 and 800 Hz: the source falls 6.02 dB, the filter rises about 12 dB over that octave.
        double octaveRise = Db(Level(x, 800) / Level(x, 400)) + Db(2);
        Assert.InRange(octaveRise, 11, 12.5);
    }

    [Fact]
    public void BandPassHasTheResponseOfATwoPoleResonator()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Subtractive, With(("waveform", 0), ("f0_hz", 100), ("filter_type", 2), ("cutoff_hz", 1000), ("resonance", 0.8), ("filter_env_octaves", 0))).Samples;
        // Resonance 0.8 is damping d = 2 − 1.95·0.8; the trapezoidal filter is the analogue d·s / (s² + d·s + 1) at the
        // pre-warped frequency w = tan(π f / fs) / tan(π fc / fs). Divide out the saw's own 1/n to see the filter alone.
        const double Damping = 2 - (1.95 * 0.8);
        static double Response(double frequencyHz)
        {
            double w = Math.Tan(Math.PI * frequencyHz / 16000) / Math.Tan(Math.PI * 1000 / 16000);
            return Damping * w / Math.Sqrt(Math.Pow(1 - (w * w), 2) + Math.Pow(Damping * w, 2));
        }

        double centre = Level(x, 1000) * 10;
        foreach (int n in new[] { 2, 5, 8, 12, 20, 40 })
        {
            double measuredDb = Db(Level(x, 100 * n) * n / centre);
            Assert.InRange(measuredDb, Db(Response(100 * n)) - 0.5, Db(Response(100 * n)) + 0.5);
        }
    }

    [Fact]
    public void FilterEnvelopeSweepsTheCutoffDownByItsOctaves()
    {
        // 3 octaves over a 400 Hz cutoff decaying with τ = 50 ms: the note starts near a 3.2 kHz cutoff and ends at 400 Hz.
        static float[] Saw(double cutoffHz, double octaves) => Synthesizer.Render(SynthesisMethod.Subtractive,
            With(("waveform", 0), ("f0_hz", 100), ("cutoff_hz", cutoffHz), ("resonance", 0), ("filter_env_octaves", octaves), ("filter_decay_s", 0.05))).Samples;
        static double Brightness(float[] slice) => Db(LevelIn(slice, 2000) / LevelIn(slice, 100));
        float[] swept = Saw(400, 3), closed = Saw(400, 0), open = Saw(3200, 0);
        double early = Brightness(swept[..800]), late = Brightness(swept[8000..]);
        Assert.InRange(late - Brightness(closed[8000..]), -0.5, 0.5);
        Assert.True(early > Brightness(closed[..800]) + 12, $"start {early:F1} dB vs closed {Brightness(closed[..800]):F1} dB");
        Assert.True(early < Brightness(open[..800]) + 0.5, $"start {early:F1} dB vs open {Brightness(open[..800]):F1} dB");
    }

    [Fact]
    public void AdditivePartialDecayIsFasterForHigherPartials()
    {
        float[] x = Synthesizer.Render(SynthesisMethod.Additive, With(("f0_hz", 250), ("partials", 4), ("tilt_db_per_octave", 0), ("partial_decay_s", 0.4))).Samples;
        static double Ratio(float[] x, double f) => LevelIn(x[8000..12000], f) / LevelIn(x[2000..6000], f);
        // Partial n decays with τ = 0.4 s / √n: over the 0.375 s between the two windows, e^(−0.375 √n / 0.4).
        for (int n = 1; n <= 4; n += 3)
        {
            double expectedDb = Db(Math.Exp(-0.375 * Math.Sqrt(n) / 0.4));
            Assert.InRange(Db(Ratio(x, 250 * n)), expectedDb - 0.5, expectedDb + 0.5);
        }
    }

    [Fact]
    public void HighIndexFmDoesNotAliasAudibly()
    {
        // Sidebands of 3 kHz ± k·1.2 kHz beyond 8 kHz would fold back onto non-multiples of 600 Hz; oversampling prevents it.
        float[] x = Synthesizer.Render(SynthesisMethod.Fm, With(("carrier_hz", 3000), ("ratio", 0.4), ("index", 6), ("index_decay_s", 0))).Samples;
        double strongest = Enumerable.Range(0, 7).Select(k => Level(x, 3000 + (1200 * k))).Max();
        Assert.True(Db(Level(x, 16000 - 9000 - 1200 * 0 - 300) / strongest) < -50);
    }

    private static double BesselJ(int order, double x) => SpecialFunctions.BesselJ(order, x);

    /// <summary>
    /// Level (relative to the strongest component) of the strongest spectral component that is not within
    /// <paramref name="guardHz"/> of a harmonic of f0: a 4-term Blackman-Harris window (side lobes −92 dB) over the
    /// steady middle of the clip, zero-padded to 64k points.
    /// </summary>
    private static double StrongestNonHarmonicDb(float[] x, double f0Hz, double guardHz = 20)
    {
        const int Start = 2000, Count = 12000, Points = 65536;
        var spectrum = new Complex[Points];
        for (int i = 0; i < Count; i++)
        {
            double p = 2 * Math.PI * i / (Count - 1);
            double w = 0.35875 - (0.48829 * Math.Cos(p)) + (0.14128 * Math.Cos(2 * p)) - (0.01168 * Math.Cos(3 * p));
            spectrum[i] = new Complex(x[Start + i] * w, 0);
        }

        Fourier.Forward(spectrum, FourierOptions.NoScaling);
        double strongest = 0, strongestOther = 0;
        for (int k = 1; k < Points / 2; k++)
        {
            double frequencyHz = k * 16000.0 / Points;
            double magnitude = spectrum[k].Magnitude;
            strongest = Math.Max(strongest, magnitude);
            double nearestHarmonicHz = Math.Round(frequencyHz / f0Hz) * f0Hz;
            if (Math.Abs(frequencyHz - nearestHarmonicHz) > guardHz && frequencyHz > guardHz)
            {
                strongestOther = Math.Max(strongestOther, magnitude);
            }
        }

        return Db(strongestOther / strongest);
    }
}
