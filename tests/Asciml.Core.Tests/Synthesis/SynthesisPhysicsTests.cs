using Asciml.Core.Audio;
using Asciml.Core.Synthesis;
using Asciml.Core.Tests.Audio;

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

    [Fact]
    public void HighIndexFmDoesNotAliasAudibly()
    {
        // Sidebands of 3 kHz ± k·1.2 kHz beyond 8 kHz would fold back onto non-multiples of 600 Hz; oversampling prevents it.
        float[] x = Synthesizer.Render(SynthesisMethod.Fm, With(("carrier_hz", 3000), ("ratio", 0.4), ("index", 6), ("index_decay_s", 0))).Samples;
        double strongest = Enumerable.Range(0, 7).Select(k => Level(x, 3000 + (1200 * k))).Max();
        Assert.True(Db(Level(x, 16000 - 9000 - 1200 * 0 - 300) / strongest) < -50);
    }

    /// <summary>Bessel function of the first kind by its power series (fine for small orders and arguments).</summary>
    private static double BesselJ(int order, double x)
    {
        double sum = 0, term = Math.Pow(x / 2, order) / Factorial(order);
        for (int m = 0; m < 40; m++)
        {
            sum += term;
            term *= -(x / 2) * (x / 2) / ((m + 1) * (m + 1 + order));
        }

        return sum;
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
