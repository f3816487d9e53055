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

    public const double MinimumSeconds = 2;
    public const double MaximumSeconds = 30;
    public const int MaximumWaypoints = 32;

    /// <summary>
    /// The long-sound use case: encodes the sounds, walks through their codes in order and renders exactly
    /// <paramref name="seconds"/>·16000 samples at 16 kHz.
    /// </summary>
    public static MonoAudio RenderThrough(SoundModel model, IReadOnlyList<MonoAudio> sounds, double seconds)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckWaypointCount(sounds.Count);
        CheckSeconds(seconds);
        return Render(model.Decode, model.Encode(sounds), seconds);
    }

    /// <summary>
    /// Renders a path of exactly <paramref name="seconds"/>·16000 samples: enough one-second clips that consecutive
    /// clips overlap by at least half (hop ≤ 8000 samples), an equal number of steps between every pair of
    /// waypoints so each waypoint is heard at full weight, and clip starts spread evenly so the last clip ends on
    /// the last sample. <paramref name="decode"/> turns codes into one-second clips (the model's decoder).
    /// </summary>
    public static MonoAudio Render(Func<IReadOnlyList<float[]>, MonoAudio[]> decode, IReadOnlyList<float[]> waypoints, double seconds)
    {
        ArgumentNullException.ThrowIfNull(decode);
        CheckWaypointCount(waypoints.Count);
        CheckSeconds(seconds);
        int length = (int)Math.Round(seconds * ModelInputFormat.SampleRateHz);
        int span = length - ModelInputFormat.LengthSamples;
        int segments = waypoints.Count - 1;
        int minimumHops = (span + DefaultHopSamples - 1) / DefaultHopSamples;
        int stepsPerSegment = Math.Max(1, (minimumHops + segments - 1) / segments);
        int hops = stepsPerSegment * segments;
        MonoAudio[] clips = decode(Steps(waypoints, stepsPerSegment));
        int[] offsets = Enumerable.Range(0, hops + 1).Select(c => (int)((long)c * span / hops)).ToArray();
        return OverlapAdd(clips.Select(clip => clip.Samples).ToArray(), offsets, length);
    }

    /// <summary>Hann-windowed overlap-add of equal-length clips, divided by the summed window.</summary>
    public static MonoAudio OverlapAdd(IReadOnlyList<float[]> clips, int hopSamples)
    {
        int clipLength = clips[0].Length;
        int length = (clips.Count - 1) * hopSamples + clipLength;
        return OverlapAdd(clips, Enumerable.Range(0, clips.Count).Select(c => c * hopSamples).ToArray(), length);
    }

    /// <summary>
    /// Hann-windowed overlap-add of equal-length clips starting at <paramref name="offsets"/>, divided by the summed
    /// window (so uneven hops keep a constant level).
    /// </summary>
    public static MonoAudio OverlapAdd(IReadOnlyList<float[]> clips, IReadOnlyList<int> offsets, int length)
    {
        if (clips.Count == 0 || clips.Count != offsets.Count)
        {
            throw new ArgumentException("one offset per clip, and at least one clip", nameof(offsets));
        }

        int clipLength = clips[0].Length;
        var sum = new double[length];
        var weight = new double[length];
        double[] window = Enumerable.Range(0, clipLength)
            .Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / clipLength)).ToArray();
        for (int c = 0; c < clips.Count; c++)
        {
            int offset = offsets[c];
            if (clips[c].Length != clipLength || offset < 0 || offset + clipLength > length)
            {
                throw new ArgumentException($"clip {c} does not fit the output", nameof(clips));
            }

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

    private static void CheckSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < MinimumSeconds || seconds > MaximumSeconds)
        {
            throw new AscimlException($"a path lasts {MinimumSeconds:0}–{MaximumSeconds:0} seconds, not {seconds}");
        }
    }

    private static void CheckWaypointCount(int count)
    {
        if (count is < 2 or > MaximumWaypoints)
        {
            throw new AscimlException($"a path goes through 2–{MaximumWaypoints} sounds, not {count}");
        }
    }
}
