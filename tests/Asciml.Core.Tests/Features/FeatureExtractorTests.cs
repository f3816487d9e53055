using Asciml.Core.Features;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Features;

public sealed class FeatureExtractorTests
{
    private static float[] Tone(double f0Hz, double secondHarmonicRatio = 0, double amplitude = 0.5) =>
        Enumerable.Range(0, 16000).Select(i => (float)(amplitude * (Math.Sin(2 * Math.PI * f0Hz * i / 16000)
            + (secondHarmonicRatio * Math.Sin(2 * Math.PI * 2 * f0Hz * i / 16000))) / (1 + secondHarmonicRatio))).ToArray();

    private static double Cents(double a, double b) => 1200 * Math.Log2(a / b);

    [Fact]
    public void FrameLayoutGivesFiftyNineFrames()
    {
        Assert.Equal(59, FrameLayout.FrameCount(16000));
        Assert.Equal(59, FeatureExtractor.Extract(Tone(440)).RmsEnvelope.Count);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(440)]
    [InlineData(2500)]
    public void SineCentroidAndPitchEqualItsFrequency(double frequencyHz)
    {
        SoundFeatures f = FeatureExtractor.Extract(Tone(frequencyHz));
        Assert.InRange(f.SpectralCentroidHz!.Value, frequencyHz * 0.98, frequencyHz * 1.02);
        if (frequencyHz <= 1500)
        {
            Assert.InRange(Cents(f.F0Hz!.Value, frequencyHz), -5, 5);
            Assert.Equal(1.0, f.VoicedFraction);
        }

        Assert.InRange(f.Rms, 0.5 / Math.Sqrt(2) * 0.999, 0.5 / Math.Sqrt(2) * 1.001);
    }

    [Theory]
    [InlineData(55)]
    [InlineData(110)]
    [InlineData(1200)]
    public void PitchAcrossTheRange(double frequencyHz) =>
        Assert.InRange(Cents(FeatureExtractor.Extract(Tone(frequencyHz)).F0Hz!.Value, frequencyHz), -10, 10);

    [Fact]
    public void StrongSecondHarmonicDoesNotCauseAnOctaveError()
    {
        SoundFeatures f = FeatureExtractor.Extract(Tone(200, secondHarmonicRatio: 2.0));
        Assert.InRange(Cents(f.F0Hz!.Value, 200), -10, 10);
    }

    [Fact]
    public void WhiteNoiseIsUnvoicedAndSpectrallyFlat()
    {
        var random = new Random(3);
        float[] noise = Enumerable.Range(0, 16000).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.3f).ToArray();
        SoundFeatures f = FeatureExtractor.Extract(noise);
        Assert.Null(f.F0Hz);
        Assert.True(f.VoicedFraction < 0.05);
        Assert.InRange(f.SpectralFlatness!.Value, 0.45, 1.0); // the mean of exp(E log |X|²) for white noise is e^−γ ≈ 0.56
        Assert.InRange(f.ZeroCrossingRate, 0.45, 0.55);
        Assert.InRange(f.SpectralCentroidHz!.Value, 3600, 4400);
    }

    [Fact]
    public void SilenceHasNoPitchNoCentroidAndNoNaN()
    {
        SoundFeatures f = FeatureExtractor.Extract(new float[16000]);
        Assert.Null(f.F0Hz);
        Assert.Null(f.SpectralCentroidHz);
        Assert.Equal(0, f.Rms);
        Assert.Equal(0, f.VoicedFraction);
        Assert.Equal(0, f.AttackTimeSeconds);
        Assert.All(f.Mfcc, m => Assert.True(double.IsFinite(m)));
        Assert.All(f.RmsEnvelope, e => Assert.Equal(0, e));
    }

    [Fact]
    public void ZeroCrossingRateFollowsTheSignRule()
    {
        // +, +, −, 0 (counts as non-negative), −: sign changes at 2→3, 3→4 and 4→5 of 4 pairs.
        Assert.Equal(0.75, FeatureExtractor.ZeroCrossingRate([0.5f, 0.1f, -0.2f, 0f, -0.1f]));
    }

    [Fact]
    public void AttackTimeFollowsALinearRamp()
    {
        float[] ramped = Tone(440);
        for (int i = 0; i < 8000; i++)
        {
            ramped[i] *= i / 8000f; // 0.5 s linear attack: 10 %→90 % takes about 0.4 s
        }

        Assert.InRange(FeatureExtractor.Extract(ramped).AttackTimeSeconds, 0.36, 0.44);
    }

    [Theory]
    [InlineData(SynthesisMethod.Additive, 262, 0.010)]
    [InlineData(SynthesisMethod.Additive, 440, 0.010)]
    [InlineData(SynthesisMethod.Fm, 440, 0.010)]
    [InlineData(SynthesisMethod.Additive, 440, 0.005)]
    [InlineData(SynthesisMethod.Additive, 440, 0.050)]
    public void AttackTimeResolvesFastSynthesizedAttacks(SynthesisMethod method, double pitchHz, double attackSeconds)
    {
        // A linear attack reaches 10 % at 0.1·A and 90 % at 0.9·A: 10→90 % takes 0.8·A; the feature reads the 10–90 % rise.
        // The contract asks that a synthesized 10 ms attack reads 8–12 ms, so the check is against the whole attack ±20 %.
        var settings = new Dictionary<string, double>
        {
            [method == SynthesisMethod.Fm ? "carrier_hz" : "f0_hz"] = pitchHz,
            ["attack_s"] = attackSeconds,
            ["sustain"] = 1,
        };
        float[] samples = Synthesizer.Render(method, settings).Samples;
        double attack = FeatureExtractor.Extract(samples).AttackTimeSeconds;
        Assert.InRange(attack, attackSeconds * 0.8 * 0.75, attackSeconds * 1.2);
    }

    [Fact]
    public void TenMillisecondAttackReadsEightToTwelveMilliseconds()
    {
        float[] samples = Synthesizer.Render(SynthesisMethod.Additive,
            new Dictionary<string, double> { ["f0_hz"] = 330, ["attack_s"] = 0.010, ["sustain"] = 1 }).Samples;
        Assert.InRange(FeatureExtractor.Extract(samples).AttackTimeSeconds, 0.008, 0.012);
    }

    [Fact]
    public void AttackTimeOfAnAbruptOnsetIsAFewMilliseconds()
    {
        float[] step = Tone(440);
        Assert.InRange(FeatureExtractor.AttackTimeSeconds(step), 0, 0.006);
    }

    [Fact]
    public void CsvStartsWithTheContractColumnsAndLeavesMissingPitchEmpty()
    {
        using var writer = new StringWriter();
        FeatureCsv.Write(writer, [("a,b.wav", FeatureExtractor.Extract(new float[16000]))]);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("file,f0_hz,voiced_fraction,rms,spectral_centroid_hz,zero_crossing_rate", lines[0]);
        Assert.StartsWith("\"a,b.wav\",,0,0,,0", lines[1]);
    }
}
