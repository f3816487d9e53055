using Asciml.Core.Charts;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.Charts;

/// <summary>The spectrogram image and the waveform thumbnail's reduction, moved out of the web's components (issue 12).</summary>
public sealed class ThumbnailTests
{
    private static float[] Tone(double hz, int length = 16_000) =>
        [.. Enumerable.Range(0, length).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / 16_000)))];

    [Fact]
    public void TheSpectrogramBitmapIsAValidBmpWithTheToneBrightInItsBand()
    {
        Spectrogram gram = Spectrogram.Compute(Tone(1000));
        byte[] bmp = SpectrogramBitmap.Bmp(gram, 128, 1);
        int width = gram.LevelsDb.Count, stride = ((width * 3) + 3) & ~3;
        Assert.Equal("BM", System.Text.Encoding.ASCII.GetString(bmp, 0, 2));
        Assert.Equal(bmp.Length, BitConverter.ToInt32(bmp, 2));
        Assert.Equal((width, 128, 24), (BitConverter.ToInt32(bmp, 18), BitConverter.ToInt32(bmp, 22), (int)bmp[28]));
        Assert.Equal(54 + (stride * 128), bmp.Length);

        // Bottom-up rows of 2 bins (31.25 Hz each): 1 kHz is bin 32, row 16; 6 kHz stays at the floor.
        (byte R, byte G, byte B) Pixel(int row, int x) => (bmp[54 + (row * stride) + (x * 3) + 2], bmp[54 + (row * stride) + (x * 3) + 1], bmp[54 + (row * stride) + (x * 3)]);
        Assert.Equal(SpectrogramBitmap.Colour(1), Pixel(16, width / 2));
        Assert.Equal(SpectrogramBitmap.Colour(0), Pixel(96, width / 2));

        byte[] small = SpectrogramBitmap.Bmp(gram, 32, 2);
        Assert.Equal((width / 2, 32), (BitConverter.ToInt32(small, 18), BitConverter.ToInt32(small, 22)));
    }

    [Fact]
    public void TheColourMapRunsFromNearBlackToPaleYellow()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)4), SpectrogramBitmap.Colour(-3));
        Assert.Equal(((byte)252, (byte)255, (byte)164), SpectrogramBitmap.Colour(2));
        Assert.Equal(((byte)188, (byte)55, (byte)84), SpectrogramBitmap.Colour(0.5));
    }

    [Fact]
    public void TheWaveformEnvelopeKeepsEveryPeakAndClampsToFullScale()
    {
        float[] clip = new float[1200];
        clip[5] = 0.75f;
        clip[15] = -2f; // over full scale
        clip[1199] = 0.25f;
        (float Low, float High)[] envelope = WaveformEnvelope.MinMax(clip, 120);
        Assert.Equal(120, envelope.Length);
        Assert.Equal((0f, 0.75f), envelope[0]);
        Assert.Equal((-1f, 0f), envelope[1]);
        Assert.Equal((0f, 0.25f), envelope[119]);
        Assert.All(envelope[2..119], column => Assert.Equal((0f, 0f), column));
        Assert.Equal((0f, 0f), WaveformEnvelope.MinMax([], 3)[2]);
    }
}
