using Asciml.Core.Audio;
using Asciml.Model.Evaluation;

namespace Asciml.Model.Tests;

public sealed class EvaluationTests
{
    [Fact]
    public void IdenticalSoundsHaveZeroDistanceAndPerfectEnvelopeCorrelation()
    {
        MonoAudio tone = TestSounds.Tone(220);
        ReconstructionMetrics same = ReconstructionMetrics.Compare("tone", tone, tone);
        Assert.Equal(0, same.WaveformMse, 12);
        Assert.Equal(0, same.StftDistance, 4);
        Assert.Equal(1, same.RmsEnvelopeCorrelation, 6);
        Assert.Equal(0, same.F0DifferenceCents!.Value, 6);
        Assert.Equal(0, same.CentroidDifferenceHz!.Value, 6);
    }

    [Fact]
    public void AnOctaveUpIsTwelveHundredCentsAndFarther()
    {
        MonoAudio low = TestSounds.Tone(220), high = TestSounds.Tone(440);
        ReconstructionMetrics octave = ReconstructionMetrics.Compare("octave", low, high);
        Assert.InRange(octave.F0DifferenceCents!.Value, 1150, 1250);
        Assert.True(octave.CentroidDifferenceHz > 100);
        Assert.True(octave.StftDistance > 0.1);
        Assert.True(octave.WaveformMse > 0.01);
        // Same decay, different pitch: the loudness shapes still agree.
        Assert.True(octave.RmsEnvelopeCorrelation > 0.95);
    }

    [Fact]
    public void SilenceHasNoF0Difference()
    {
        var silence = new MonoAudio(new float[ModelInputFormat.LengthSamples], ModelInputFormat.SampleRateHz);
        ReconstructionMetrics metrics = ReconstructionMetrics.Compare("silence", TestSounds.Tone(220), silence);
        Assert.Null(metrics.F0DifferenceHz);
        Assert.Null(metrics.F0DifferenceCents);
    }

    [Fact]
    public void CorrelationHandlesConstantSequences()
    {
        Assert.Equal(1, ReconstructionMetrics.Correlation([1, 1, 1], [1, 1, 1]));
        Assert.Equal(0, ReconstructionMetrics.Correlation([1, 1, 1], [1, 2, 3]));
        Assert.Equal(-1, ReconstructionMetrics.Correlation([1, 2, 3], [3, 2, 1]), 9);
    }
}
