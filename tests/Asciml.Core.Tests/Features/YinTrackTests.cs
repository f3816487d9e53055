using Asciml.Core.Features;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Features;

/// <summary>The descriptors' shared-block YIN against the per-frame reference <see cref="Yin"/> on every frame.</summary>
public sealed class YinTrackTests
{
    private static IEnumerable<float[]> Clips()
    {
        foreach (var sound in PretrainingCorpus.Create(24, seed: 11))
        {
            yield return sound.Audio.Samples;
        }

        var random = new Random(7);
        yield return Enumerable.Range(0, 16000).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.3f).ToArray();
        yield return Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 55 * i / 16000))).ToArray();
        // A glide 80 → 1400 Hz with a quiet start: voiced, unvoiced and silent frames in one clip.
        double phase = 0;
        yield return Enumerable.Range(0, 16000).Select(i =>
        {
            phase += 2 * Math.PI * (80 + (1320.0 * i / 16000)) / 16000;
            return i < 3000 ? 0f : (float)(0.4 * Math.Sin(phase));
        }).ToArray();
        // A clip longer than one second (frames beyond the first second, not a multiple of the hop).
        yield return Enumerable.Range(0, 23456).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 196 * i / 16000) * Math.Exp(-i / 9000.0))).ToArray();
    }

    [Fact]
    public void EveryFrameMatchesTheReferenceYin()
    {
        var reference = new Yin();
        var track = new YinTrack();
        int voiced = 0, frames = 0;
        foreach (float[] clip in Clips())
        {
            track.Start(clip);
            for (int frame = 0; frame < FrameLayout.FrameCount(clip.Length); frame++)
            {
                ReadOnlySpan<float> x = clip.AsSpan(frame * FrameLayout.HopLength, FrameLayout.FrameLength);
                double energy = 0;
                foreach (float value in x)
                {
                    energy += (double)value * value;
                }

                double? expected = reference.Estimate(x);
                double? actual = track.Estimate(frame, energy);
                Assert.Equal(expected.HasValue, actual.HasValue);
                if (expected is double f0)
                {
                    Assert.InRange(actual!.Value / f0, 1 - 1e-7, 1 + 1e-7);
                    voiced++;
                }

                frames++;
            }
        }

        // The set exercises both outcomes.
        Assert.InRange(voiced, frames / 4, frames - (frames / 10));
    }

    [Fact]
    public void FramesPastTheClipAreRejected()
    {
        var track = new YinTrack();
        track.Start(new float[2000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => track.Estimate(4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => track.Estimate(-1, 1));
    }
}
