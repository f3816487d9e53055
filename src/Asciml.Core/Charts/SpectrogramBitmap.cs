using Asciml.Core.Features;

namespace Asciml.Core.Charts;

/// <summary>
/// A spectrogram as a small image (time → right, 0–8 kHz ↑, dark = quiet, bright = loud): a 24-bit bottom-up BMP,
/// which every browser shows from a data URI without an image library.
/// </summary>
public static class SpectrogramBitmap
{
    // Inferno-like stops: black-purple → red → orange → pale yellow.
    private static readonly (double At, byte R, byte G, byte B)[] Stops =
        [(0, 0, 0, 4), (0.25, 87, 16, 110), (0.5, 188, 55, 84), (0.75, 249, 142, 9), (1, 252, 255, 164)];

    /// <summary>One column per <paramref name="frameStep"/> frames, <paramref name="rows"/> rows each showing the loudest bin of its band.</summary>
    public static byte[] Bmp(Spectrogram gram, int rows, int frameStep)
    {
        ArgumentNullException.ThrowIfNull(gram);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameStep, 1);
        int width = Math.Max(1, gram.LevelsDb.Count / frameStep);
        int binsPerRow = (gram.LevelsDb.Count > 0 ? gram.LevelsDb[0].Length - 1 : 256) / rows;
        int stride = ((width * 3) + 3) & ~3;
        var bytes = new byte[54 + (stride * rows)];
        void Int(int offset, int value) => BitConverter.TryWriteBytes(bytes.AsSpan(offset, 4), value);
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        Int(2, bytes.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, width);
        Int(22, rows);
        bytes[26] = 1;
        bytes[28] = 24;
        Int(34, stride * rows);
        for (int row = 0; row < rows; row++)
        {
            for (int x = 0; x < width && x * frameStep < gram.LevelsDb.Count; x++)
            {
                double[] frame = gram.LevelsDb[x * frameStep];
                double level = Spectrogram.FloorDb;
                for (int k = row * binsPerRow; k < (row + 1) * binsPerRow; k++)
                {
                    level = Math.Max(level, frame[k]);
                }

                (byte r, byte g, byte b) = Colour((level - Spectrogram.FloorDb) / -Spectrogram.FloorDb);
                int at = 54 + (row * stride) + (x * 3);
                bytes[at] = b;
                bytes[at + 1] = g;
                bytes[at + 2] = r;
            }
        }

        return bytes;
    }

    /// <summary>The colour of a level 0 (the floor) … 1 (the loudest bin).</summary>
    public static (byte R, byte G, byte B) Colour(double t)
    {
        t = Math.Clamp(t, 0, 1);
        for (int i = 1; i < Stops.Length; i++)
        {
            if (t <= Stops[i].At)
            {
                var (a, b) = (Stops[i - 1], Stops[i]);
                double f = (t - a.At) / (b.At - a.At);
                return ((byte)(a.R + (f * (b.R - a.R))), (byte)(a.G + (f * (b.G - a.G))), (byte)(a.B + (f * (b.B - a.B))));
            }
        }

        return (Stops[^1].R, Stops[^1].G, Stops[^1].B);
    }
}

/// <summary>Waveform thumbnails: the min/max envelope of a clip in a few columns (every sample counts, so no peak is lost).</summary>
public static class WaveformEnvelope
{
    /// <summary>The lowest and highest sample (clamped to ±1, 0 included) of each of <paramref name="columns"/> equal stretches.</summary>
    public static (float Low, float High)[] MinMax(float[] samples, int columns)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        int perColumn = Math.Max(1, samples.Length / columns);
        var envelope = new (float Low, float High)[columns];
        for (int column = 0; column < columns; column++)
        {
            float low = 0, high = 0;
            for (int i = column * perColumn; i < Math.Min(samples.Length, (column + 1) * perColumn); i++)
            {
                low = Math.Min(low, samples[i]);
                high = Math.Max(high, samples[i]);
            }

            envelope[column] = (Math.Clamp(low, -1f, 1f), Math.Clamp(high, -1f, 1f));
        }

        return envelope;
    }
}
