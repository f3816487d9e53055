using Asciml.Core.Audio;

namespace Asciml.Core.Features;

/// <summary>The normative analysis frames: 1024 samples, hop 256, no padding (frame i covers [256·i, 256·i + 1024)).</summary>
public static class FrameLayout
{
    public const int FrameLength = 1024;
    public const int HopLength = 256;
    public const int SampleRateHz = ModelInputFormat.SampleRateHz;

    /// <summary>Frames whose RMS is below this (−60 dBFS) are too quiet for spectral shape features.</summary>
    public const double MinimumFrameRms = 1e-3;

    public static int FrameCount(int sampleCount) => sampleCount < FrameLength ? 0 : 1 + ((sampleCount - FrameLength) / HopLength);

    /// <summary>Centre time of frame i in seconds.</summary>
    public static double FrameTimeSeconds(int frameIndex) => ((frameIndex * HopLength) + (FrameLength / 2.0)) / SampleRateHz;
}
