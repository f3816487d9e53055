using Asciml.Core.Audio;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.Features;

public sealed class StringInharmonicityTests
{
    private const int SampleRateHz = ModelInputFormat.SampleRateHz;

    /// <summary>
    /// A plucked string: <paramref name="partials"/> partials at k·f0·√(1 + B·k²) with random phases, falling 6 dB per
    /// octave, each decaying faster the higher it is, and a little noise.
    /// </summary>
    private static MonoAudio Pluck(double f0Hz, double coefficient, int partials = 40, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new float[ModelInputFormat.LengthSamples];
        for (int k = 1; k <= partials; k++)
        {
            double hz = f0Hz * StringInharmonicity.PartialRatio(k, coefficient);
            if (hz >= SampleRateHz / 2.0)
            {
                break;
            }

            double phase = random.NextDouble() * 2 * Math.PI, decayPerSecond = 2 + (0.3 * k);
            for (int i = 0; i < samples.Length; i++)
            {
                double t = (double)i / SampleRateHz;
                samples[i] += (float)(0.3 / k * Math.Exp(-decayPerSecond * t) * Math.Sin((2 * Math.PI * hz * t) + phase));
            }
        }

        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] += (float)(1e-4 * (random.NextDouble() - 0.5));
        }

        return new MonoAudio(samples, SampleRateHz);
    }

    [Theory]
    [InlineData(110, 4e-5)]
    [InlineData(146.8, 2.5e-5)]
    [InlineData(220, 1.7e-4)]
    public void AStretchedStringIsMeasuredWithinAGridStep(double f0Hz, double coefficient)
    {
        double measured = StringInharmonicity.Estimate(Pluck(f0Hz, coefficient).Samples, f0Hz, SampleRateHz);
        Assert.InRange(measured, coefficient / 1.06, coefficient * 1.06);
    }

    [Theory]
    [InlineData(110)]
    [InlineData(440)]
    public void HarmonicSoundsHaveNoStretch(double f0Hz)
    {
        Assert.Equal(0, StringInharmonicity.Estimate(Pluck(f0Hz, 0).Samples, f0Hz, SampleRateHz));
    }

    [Fact]
    public void ATuningOffsetIsNotMistakenForAStretch()
    {
        // YIN's median can sit some cents off the partials' own fundamental (a bowed note did by 13 cents).
        MonoAudio sharp = Pluck(110 * Math.Pow(2, 10 / 1200.0), 0);
        Assert.Equal(0, StringInharmonicity.Estimate(sharp.Samples, 110, SampleRateHz));
    }

    [Fact]
    public void SilenceNoiseAndNonsenseGiveZero()
    {
        var random = new Random(2);
        float[] noise = Enumerable.Range(0, ModelInputFormat.LengthSamples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        Assert.Equal(0, StringInharmonicity.Estimate(new float[ModelInputFormat.LengthSamples], 220, SampleRateHz));
        Assert.Equal(0, StringInharmonicity.Estimate(noise, 220, SampleRateHz));
        Assert.Equal(0, StringInharmonicity.Estimate(noise, double.NaN, SampleRateHz));
        Assert.Equal(0, StringInharmonicity.Estimate(new float[100], 220, SampleRateHz));
    }

    [Fact]
    public void ControlCurvesCarryTheStretchOfAPitchedSound()
    {
        static ControlCurves Measured(MonoAudio sound) => ControlCurves.Extract(sound).WithInharmonicityOf(sound);
        Assert.InRange(Measured(Pluck(110, 4e-5)).Inharmonicity, 4e-5 / 1.06, 4e-5 * 1.06);
        Assert.Equal(0, Measured(Pluck(110, 0)).Inharmonicity);
        Assert.Equal(0, Measured(new MonoAudio(new float[ModelInputFormat.LengthSamples], SampleRateHz)).Inharmonicity);
    }
}
