using Asciml.Core.Features;

namespace Asciml.Core.Tests.Features;

public sealed class SpectrogramTests
{
    [Fact]
    public void ASineLightsItsOwnBinAndTheFloorElsewhere()
    {
        float[] tone = Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / 16000))).ToArray();
        Spectrogram gram = Spectrogram.Compute(tone);
        Assert.Equal(1 + ((16000 - 512) / 128), gram.LevelsDb.Count);
        Assert.Equal(257, gram.LevelsDb[0].Length);
        double[] middle = gram.LevelsDb[gram.LevelsDb.Count / 2];
        int loudest = Array.IndexOf(middle, middle.Max());
        Assert.Equal(1000, loudest * gram.BinHz, 1e-9); // 1000 Hz is bin 32 exactly
        Assert.True(middle[200] < -60, $"bin 200 is at {middle[200]} dB");
        Assert.All(Spectrogram.Compute(new float[16000]).LevelsDb, frame => Assert.All(frame, v => Assert.Equal(Spectrogram.FloorDb, v)));
    }

    [Fact]
    public void LevelsMatchADirectFourierSumOfNoise()
    {
        // One frame of noise: the FFT's scalar and SIMD stages and the half-size real recombination against Σ x·e^(−iωn).
        var random = new Random(7);
        float[] noise = Enumerable.Range(0, Spectrogram.FrameLength).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        double[] levels = Spectrogram.Compute(noise).LevelsDb.Single();
        var power = new double[(Spectrogram.FrameLength / 2) + 1];
        for (int k = 0; k < power.Length; k++)
        {
            double re = 0, im = 0;
            for (int n = 0; n < Spectrogram.FrameLength; n++)
            {
                double windowed = noise[n] * (0.5 - (0.5 * Math.Cos(2 * Math.PI * n / Spectrogram.FrameLength)));
                re += windowed * Math.Cos(2 * Math.PI * k * n / Spectrogram.FrameLength);
                im -= windowed * Math.Sin(2 * Math.PI * k * n / Spectrogram.FrameLength);
            }

            power[k] = (re * re) + (im * im);
        }

        double loudest = power.Max();
        for (int k = 0; k < power.Length; k++)
        {
            Assert.Equal(Math.Max(Spectrogram.FloorDb, 10 * Math.Log10(power[k] / loudest)), levels[k], 1e-6);
        }
    }
}
