using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Model.Creation;

/// <summary>
/// A walk through the latent space past several sounds, rendered as one longer sound: between consecutive
/// waypoints the latent moves in <c>stepsPerSegment</c> equal steps; every step is decoded to a one-second clip;
/// the clips are Hann-windowed and overlap-added <c>hopSamples</c> apart (half a second by default, where Hann
/// windows sum to one), normalised by the window sum so the first and last clips keep their full level.
/// </summary>
public static class LatentPath
{
    public const int DefaultHopSamples = ModelInputFormat.LengthSamples / 2;

    /// <summary>The latent vectors visited: each waypoint, and the evenly spaced steps between them.</summary>
    public static IReadOnlyList<float[]> Steps(IReadOnlyList<float[]> waypoints, int stepsPerSegment)
    {
        if (waypoints.Count < 2)
        {
            throw new AscimlException("a path needs at least two sounds");
        }

        if (stepsPerSegment < 1)
        {
            throw new AscimlException($"steps per segment {stepsPerSegment} must be at least 1");
        }

        var steps = new List<float[]> { waypoints[0] };
        for (int segment = 0; segment + 1 < waypoints.Count; segment++)
        {
            for (int step = 1; step <= stepsPerSegment; step++)
            {
                steps.Add(SoundModel.Interpolate(waypoints[segment], waypoints[segment + 1], (double)step / stepsPerSegment));
            }
        }

        return steps;
    }

    /// <summary>Decodes the path and overlap-adds it into one sound at 16 kHz.</summary>
    public static MonoAudio Render(SoundModel model, IReadOnlyList<float[]> waypoints, int stepsPerSegment = 4,
        int hopSamples = DefaultHopSamples)
    {
        if (hopSamples is < 1 or > ModelInputFormat.LengthSamples)
        {
            throw new AscimlException($"hop {hopSamples} samples is out of range: use 1..{ModelInputFormat.LengthSamples}");
        }

        MonoAudio[] clips = model.Decode(Steps(waypoints, stepsPerSegment));
        return OverlapAdd(clips.Select(clip => clip.Samples).ToArray(), hopSamples);
    }

    /// <summary>Hann-windowed overlap-add of equal-length clips, divided by the summed window.</summary>
    public static MonoAudio OverlapAdd(IReadOnlyList<float[]> clips, int hopSamples)
    {
        int clipLength = clips[0].Length;
        int length = (clips.Count - 1) * hopSamples + clipLength;
        var sum = new double[length];
        var weight = new double[length];
        double[] window = Enumerable.Range(0, clipLength)
            .Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / clipLength)).ToArray();
        for (int c = 0; c < clips.Count; c++)
        {
            int offset = c * hopSamples;
            for (int i = 0; i < clipLength; i++)
            {
                sum[offset + i] += window[i] * clips[c][i];
                weight[offset + i] += window[i];
            }
        }

        const double floor = 1e-3;
        var samples = new float[length];
        for (int i = 0; i < length; i++)
        {
            samples[i] = (float)(sum[i] / Math.Max(weight[i], floor));
        }

        return new MonoAudio(samples, ModelInputFormat.SampleRateHz);
    }
}
