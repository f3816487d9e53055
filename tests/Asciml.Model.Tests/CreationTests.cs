using Asciml.Core.Audio;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

public sealed class CreationTests
{
    private static SoundModel TinyModel()
    {
        TrainingResult trained = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(),
            new TrainingSettings { Epochs = 3, BatchSize = 2, Seed = 5, Threads = 1 }, cancellation: TestContext.Current.CancellationToken);
        return new SoundModel(trained.Network, trained.Metadata);
    }

    [Fact]
    public void InterpolationAtZeroAndOneEqualsTheReconstructionsOfAAndB()
    {
        using SoundModel model = TinyModel();
        MonoAudio a = TestSounds.Tone(110), b = TestSounds.Tone(440, 0.4, 1);
        Assert.Equal(model.Reconstruct(a).Samples, model.Interpolate(a, b, 0).Samples);
        Assert.Equal(model.Reconstruct(b).Samples, model.Interpolate(a, b, 1).Samples);
        MonoAudio middle = model.Interpolate(a, b, 0.5);
        Assert.Equal(16000, middle.Samples.Length);
        Assert.Equal(16000, middle.SampleRateHz);
    }

    [Fact]
    public void TransposingIsPartOfReconstructAndInterpolateForBothShells()
    {
        // Issue 12: `interpolate` and `reconstruct` encoded, transposed and decoded on their own.
        using SoundModel model = TinyModel();
        MonoAudio a = TestSounds.Tone(110), b = TestSounds.Tone(440, 0.4, 1);
        Assert.Equal(model.Decode(model.Encode(a)).Samples, model.Reconstruct(a, 0).Samples);
        float[][] codes = model.Encode([a, b]);
        Assert.Equal(model.Decode(SoundModel.Interpolate(codes[0], codes[1], 0.3)).Samples, model.Interpolate(a, b, 0.3, 0).Samples);
        Assert.Contains("no pitch control", Assert.Throws<Asciml.Core.AscimlException>(() => model.Reconstruct(a, 2)).Message);
        Assert.Contains("out of range", Assert.Throws<Asciml.Core.AscimlException>(() => model.Interpolate(a, b, 0.5, 30)).Message);
    }

    [Fact]
    public void InterpolationExtrapolatesBeyondTheEnds()
    {
        float[] z = SoundModel.Interpolate([0f, 2f], [1f, 4f], 1.5);
        Assert.Equal(new[] { 1.5f, 5f }, z);
        Assert.Equal(new[] { -0.5f, 1f }, SoundModel.Interpolate([0f, 2f], [1f, 4f], -0.5));
    }

    [Fact]
    public void LatentMapInverseRoundTripsAndKeepsOtherDirectionsAtTheMean()
    {
        var random = new Random(2);
        float[][] latents = Enumerable.Range(0, 12)
            .Select(_ => Enumerable.Range(0, 6).Select(d => (float)(random.NextDouble() * (d + 1))).ToArray()).ToArray();
        LatentMap map = LatentMap.Build(latents);

        foreach (MapPoint point in new[] { new MapPoint(0.3, -1.2), new MapPoint(-4, 7), map.Points[3] })
        {
            MapPoint back = map.ToMap(map.ToLatent(point));
            Assert.Equal(point.X, back.X, 4);
            Assert.Equal(point.Y, back.Y, 4);
        }

        Assert.Equal(map.Mean, map.ToLatent(new MapPoint(0, 0)));
        Assert.Equal(12, map.Points.Count);
        Assert.True(map.ExplainedVarianceRatio[0] >= map.ExplainedVarianceRatio[1]);
        // pc1 is the direction of largest variance: the mapped x values spread at least as much as y.
        Assert.True(map.Points.Select(p => p.X * p.X).Sum() >= map.Points.Select(p => p.Y * p.Y).Sum());
    }

    [Fact]
    public void MapPointsDecodeToSounds()
    {
        using SoundModel model = TinyModel();
        float[][] latents = model.Encode([TestSounds.Tone(110), TestSounds.Tone(220), TestSounds.Tone(330)]);
        LatentMap map = LatentMap.Build(latents);
        MonoAudio sound = model.Decode(map.ToLatent(new MapPoint(0.5, 0.5)));
        Assert.Equal(16000, sound.Samples.Length);
    }

    [Fact]
    public void PathThroughThreeSoundsRendersAsOneLongerSound()
    {
        using SoundModel model = TinyModel();
        float[][] latents = model.Encode([TestSounds.Tone(110), TestSounds.Tone(220), TestSounds.Tone(330)]);
        Assert.Equal(1 + 2 * 4, LatentPath.Steps(latents, 4).Count);
        MonoAudio path = LatentPath.Render(model, latents, stepsPerSegment: 4);
        Assert.Equal(8 * 8000 + 16000, path.Samples.Length);
        Assert.All(path.Samples, sample => Assert.True(float.IsFinite(sample)));
    }

    [Fact]
    public void OverlapAddOfConstantClipsIsConstantAwayFromTheEdges()
    {
        float[][] clips = Enumerable.Range(0, 5).Select(_ => Enumerable.Repeat(0.25f, 16000).ToArray()).ToArray();
        MonoAudio joined = LatentPath.OverlapAdd(clips, 8000);
        Assert.Equal(4 * 8000 + 16000, joined.Samples.Length);
        for (int i = 400; i < joined.Samples.Length - 400; i++)
        {
            Assert.Equal(0.25f, joined.Samples[i], 4);
        }
    }
}
