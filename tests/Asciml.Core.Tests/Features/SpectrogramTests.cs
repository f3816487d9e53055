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
}
