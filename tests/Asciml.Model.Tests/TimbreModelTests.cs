using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Creation;
using Asciml.Model.Timbre;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using static TorchSharp.torch;

namespace Asciml.Model.Tests;

public sealed class TimbreModelTests
{
    /// <summary>A timbre network small enough for tests: same code paths as the shipped shape.</summary>
    internal static TimbreArchitecture TinyTimbre() => new("tiny-timbre", 4, 16, 2, 16, 17, 16);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static double Cents(double a, double b) => Math.Abs(1200 * Math.Log2(a / b));

    [Fact]
    public void HarmonicBankPlaysTheF0CurveExactly()
    {
        using var scope = NewDisposeScope();
        var amplitudes = zeros(1, 8, ControlCurves.FrameCount);
        amplitudes[0, 0] = tensor(0.5f); // fundamental only
        Tensor f0 = full(1, ControlCurves.FrameCount, 220f);
        float[] samples = HarmonicNoiseSynth.Harmonics(f0, amplitudes, 16000, 16000).data<float>().ToArray();
        double? measured = ControlCurves.Extract(new MonoAudio(samples, 16000)).MedianF0Hz();
        Assert.NotNull(measured);
        Assert.True(Cents(measured!.Value, 220) < 5, $"measured {measured} Hz");
        Assert.True(Math.Abs(samples.Average()) < 1e-3, "the oscillators carry no DC");
    }

    [Fact]
    public void HarmonicBankIsTheSumOfUpsampledAmplitudesTimesOscillators()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        int frames = ControlCurves.FrameCount;
        Tensor f0 = (rand(2, frames, generator: generator) * 300) + 150; // a gliding, wobbling pitch per sound
        Tensor amplitudes = rand(2, 12, frames, generator: generator);
        Tensor bank = HarmonicNoiseSynth.Harmonics(f0, amplitudes, 16000, 16000);

        // The definition: each harmonic's amplitude linear between frame centres, times sin(k·φ), summed.
        Tensor phase = (HarmonicNoiseSynth.Upsample(f0.unsqueeze(1), 16000).to_type(ScalarType.Float64) * (2 * Math.PI / 16000))
            .cumsum(-1).remainder(2 * Math.PI).to_type(ScalarType.Float32);
        Tensor numbers = arange(1, 13, dtype: ScalarType.Float32).view(1, 12, 1);
        Tensor expected = (HarmonicNoiseSynth.Upsample(amplitudes, 16000) * (phase * numbers).sin()).sum(1);

        Assert.Equal(new long[] { 2, 16000 }, bank.shape);
        double error = (bank - expected).abs().max().item<float>(), peak = expected.abs().max().item<float>();
        Assert.True(error < 1e-5 * peak, $"largest difference {error} against a peak of {peak}");
    }

    [Fact]
    public void HarmonicsAboveNyquistAreSilenced()
    {
        using var scope = NewDisposeScope();
        Tensor mask = HarmonicNoiseSynth.BelowNyquist(full(1, 3, 3000f), 4, 16000);
        Assert.Equal(new[] { 1f, 1f, 0f, 0f }, mask[0, .., 0].data<float>().ToArray());
    }

    [Fact]
    public void StretchedPartialsSoundWhereAStiffStringPutsThem()
    {
        using var scope = NewDisposeScope();
        var amplitudes = zeros(2, 12, ControlCurves.FrameCount);
        amplitudes[.., 9] = tensor(0.5f); // the tenth partial only
        Tensor f0 = full(2, ControlCurves.FrameCount, 200f);
        Tensor bank = HarmonicNoiseSynth.Harmonics(f0, amplitudes, 16000, 16000, tensor(new[] { 0f, 1e-4f }));

        // One second: 1 Hz bins. Harmonic: 2000 Hz; B = 10⁻⁴: 2000·√1.01 = 2009.98 Hz.
        Tensor spectrum = fft.rfft(bank).abs();
        Assert.Equal(2000, spectrum[0].argmax().item<long>());
        Assert.Equal(2010, spectrum[1].argmax().item<long>());
    }

    [Fact]
    public void StretchedPartialsAboveNyquistAreSilenced()
    {
        using var scope = NewDisposeScope();
        // Partial 3 of 2660 Hz is 7980 Hz harmonic, 8015.8 Hz with B = 10⁻³.
        Tensor mask = HarmonicNoiseSynth.BelowNyquist(full(2, 3, 2660f), 4, 16000, tensor(new[] { 0f, 1e-3f }));
        Assert.Equal(new[] { 1f, 1f, 1f, 0f }, mask[0, .., 0].data<float>().ToArray());
        Assert.Equal(new[] { 1f, 1f, 0f, 0f }, mask[1, .., 0].data<float>().ToArray());
    }

    [Fact]
    public void CodesCarryTheStretchAndMixItLinearly()
    {
        ControlCurves tone = ControlCurves.Extract(TestSounds.Tone(220, decayPerSecond: 0.5));
        float[] stiff = TimbreCode.Pack([1, 0], tone with { Inharmonicity = 4e-5 }), harmonic = TimbreCode.Pack([0, 1], tone);
        Assert.Equal(4e-5, TimbreCode.Unpack(stiff, 2).Curves.Inharmonicity, 9);
        Assert.Equal(2e-5, TimbreCode.Unpack(SoundModel.Interpolate(stiff, harmonic, 0.5), 2).Curves.Inharmonicity, 9);
        Assert.Equal(4e-5, TimbreCode.Unpack(TimbreCode.Transpose(stiff, 2, 12), 2).Curves.Inharmonicity, 9);

        using var scope = NewDisposeScope();
        var network = new TimbreVae(TinyTimbre());
        Tensor controls = network.Controls([TestSounds.Tone(220, decayPerSecond: 0.5)], CPU)!;
        Assert.Equal(new long[] { 1, 4, ControlCurves.FrameCount }, controls.shape);
        Assert.Equal(0f, controls[0, 3].abs().max().item<float>());
    }

    [Fact]
    public void FilteredNoiseHasNoDcAndFollowsItsFilter()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(1);
        Tensor loud = HarmonicNoiseSynth.FilteredNoise(full(1, 17, 125, 0.5f), 16000, generator);
        Tensor quiet = HarmonicNoiseSynth.FilteredNoise(full(1, 17, 125, 0.05f), 16000, generator);
        double loudRms = loud.pow(2).mean().sqrt().item<float>(), quietRms = quiet.pow(2).mean().sqrt().item<float>();
        Assert.InRange(loudRms / quietRms, 8, 12.5);
        Assert.True(Math.Abs(loud.mean().item<float>()) < 0.01 * loudRms, "the DC band is zero");
    }

    [Fact]
    public void ControlCurvesFindPitchAndCallSilenceAndNoiseUnpitched()
    {
        ControlCurves tone = ControlCurves.Extract(TestSounds.Tone(330, decayPerSecond: 0.5));
        Assert.True(tone.IsPitched);
        Assert.True(Cents(tone.MedianF0Hz()!.Value, 330) < 10);
        Assert.Equal(ControlCurves.FrameCount, tone.F0Hz.Length);

        ControlCurves silence = ControlCurves.Extract(new MonoAudio(new float[16000], 16000));
        Assert.False(silence.IsPitched);
        Assert.All(silence.F0Hz, f => Assert.Equal((float)ControlCurves.UnpitchedF0Hz, f));
        Assert.All(silence.LoudnessDb, db => Assert.Equal((float)ControlCurves.SilenceDb, db));

        var random = new Random(3);
        ControlCurves noise = ControlCurves.Extract(new MonoAudio(Enumerable.Range(0, 16000).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), 16000));
        Assert.False(noise.IsPitched);
        Assert.All(noise.F0Hz, f => Assert.True(float.IsFinite(f)));
    }

    [Fact]
    public void CodesMixLogPitchAndDecibelsLinearlyAndTransposeExactly()
    {
        ControlCurves low = ControlCurves.Extract(TestSounds.Tone(220, decayPerSecond: 0.5));
        ControlCurves high = ControlCurves.Extract(TestSounds.Tone(440, decayPerSecond: 0.5));
        float[] a = TimbreCode.Pack([1, 0], low), b = TimbreCode.Pack([0, 1], high);
        (float[] latent, ControlCurves mid) = TimbreCode.Unpack(SoundModel.Interpolate(a, b, 0.5), 2);
        Assert.Equal(new[] { 0.5f, 0.5f }, latent);
        // Halfway in log-frequency between 220 and 440 Hz is 311.1 Hz (a tritone), not 330 Hz.
        Assert.True(Cents(mid.F0Hz[60], Math.Sqrt(low.F0Hz[60] * high.F0Hz[60])) < 1);

        (_, ControlCurves up) = TimbreCode.Unpack(TimbreCode.Transpose(a, 2, 7), 2);
        Assert.True(Math.Abs(Cents(up.F0Hz[60], low.F0Hz[60]) - 700) < 0.5);
        Assert.Equal(low.LoudnessDb[60], up.LoudnessDb[60], 3);
    }

    [Fact]
    public void BrightnessTiltReachesItsTargetAndLeavesAnEncodedSoundAlone()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var network = new TimbreVae(TinyTimbre());
        network.eval();
        using var inference = inference_mode();
        float[] code = network.EncodeCode(TestSounds.Tone(220, decayPerSecond: 0.5));

        // An encoded sound carries its own brightness, so decoding it is the plain decoder's output.
        (float[] latent, _) = TimbreCode.Unpack(code, 4);
        Tensor controls = network.Controls([TestSounds.Tone(220, decayPerSecond: 0.5)], CPU)!;
        SynthControls plain = network.DecoderParameters(tensor(latent, new long[] { 1, 4 }), controls);
        Assert.Equal(TimbreBrightness.Measure(plain)[0], TimbreCode.Brightness(code), 2);
        Assert.Same(plain, TimbreBrightness.Tilt(plain, [TimbreBrightness.Measure(plain)[0]]));

        // Asked for half an octave more (or less) of harmonic number, the tilt delivers it.
        double natural = TimbreBrightness.Measure(plain)[0];
        foreach (double change in new[] { 0.5, -0.5 })
        {
            SynthControls tilted = TimbreBrightness.Tilt(plain, [natural + change]);
            Assert.Equal(natural + change, TimbreBrightness.Measure(tilted)[0], 2);
            Assert.Equal(1.0, tilted.Distribution.sum(1).mean().item<float>(), 3);
        }

        // A mix of two codes asks for the mix of their brightness, and transposing keeps a morph's correction.
        float[] brighter = TimbreCode.WithBrightness(code, TimbreCode.Brightness(code) + 1);
        Assert.Equal(TimbreCode.Brightness(code) + 0.5, TimbreCode.Brightness(SoundModel.Interpolate(code, brighter, 0.5)), 4);
        float[] up = network.Transpose(brighter, 5);
        float[] plainUp = network.Transpose(code, 5);
        Assert.Equal(TimbreCode.Brightness(plainUp) + 1, TimbreCode.Brightness(up), 3);

        // One transposer for many keys gives what one transposition per key gives (the source measured once).
        Func<double, float[]> keys = network.Transposer(brighter);
        foreach (double semitones in new[] { 5.0, -7, 12, 5 })
        {
            Assert.Equal(network.Transpose(brighter, semitones), keys(semitones));
        }

        Assert.NotEqual(network.DecodeCode(code).Samples, network.DecodeCode(brighter).Samples);
    }

    [Fact]
    public void TinyTimbreModelTrainsDecodesDeterministicallyAndSurvivesAFile()
    {
        var random = new Random(5);
        MonoAudio noise = new(Enumerable.Range(0, 16000).Select(_ => (float)(0.3 * (random.NextDouble() - 0.5))).ToArray(), 16000);
        MonoAudio silence = new(new float[16000], 16000);
        TrainingData data = TrainingData.FromAudio([TestSounds.Tone(220), TestSounds.Tone(330, 0.3), noise, silence], "tones, noise, silence");
        var settings = new TrainingSettings { Epochs = 3, BatchSize = 2, LearningRate = 1e-3, Threads = 1, Seed = 2 };
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TinyTimbre()), data, settings, cancellation: Token);
        Assert.Equal(TrainingStopReason.Completed, result.StopReason);
        Assert.All(result.Metadata.Training.History, epoch => Assert.True(double.IsFinite(epoch.Total) && epoch.Reconstruction > 0));
        Assert.Equal(TimbreArchitecture.TimbreFamily, result.Metadata.Family);

        string path = Path.Combine(Path.GetTempPath(), $"asciml-timbre-{Guid.NewGuid():N}{ModelFile.Extension}");
        try
        {
            ModelFile.Save(path, result.Network, result.Metadata);
            using var model = SoundModel.Load(path);
            Assert.True(model.HasPitchControl);
            Assert.Equal(TimbreCode.Size(4), model.LatentSize);
            foreach (MonoAudio sound in data.Clips.Select(c => c.Audio))
            {
                MonoAudio first = model.Reconstruct(sound), second = model.Reconstruct(sound);
                Assert.Equal(first.Samples, second.Samples);
                Assert.All(first.Samples, s => Assert.True(float.IsFinite(s)));
            }

            float[] code = model.Encode(TestSounds.Tone(220));
            Assert.True(model.IsPitched(code));
            Assert.False(model.IsPitched(model.Encode(silence)));
            Assert.Throws<Core.AscimlException>(() => model.Transpose(code, 25));
            Assert.NotEqual(model.Decode(code).Samples, model.Decode(model.Transpose(code, 12)).Samples);

            using var fromNetwork = new SoundModel(result.Network, result.Metadata);
            Assert.Equal(fromNetwork.Reconstruct(data.Clips[0].Audio).Samples, model.Reconstruct(data.Clips[0].Audio).Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MotionChannelsCarryHowTheTimbreMovesThroughTheCode()
    {
        TimbreArchitecture shape = TinyTimbre() with { MotionChannels = 2 };
        Assert.Equal(4 + (2 * TimbreArchitecture.MotionSteps), shape.CodeLatentSize);
        TrainingData data = TrainingData.FromAudio([TestSounds.Tone(220), TestSounds.Tone(330, 0.3)], "two tones");
        var settings = new TrainingSettings { Epochs = 2, BatchSize = 2, LearningRate = 1e-3, Threads = 1, Seed = 2 };
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(shape), data, settings, cancellation: Token);
        Assert.Equal(TrainingStopReason.Completed, result.StopReason);

        string path = Path.Combine(Path.GetTempPath(), $"asciml-motion-{Guid.NewGuid():N}{ModelFile.Extension}");
        try
        {
            ModelFile.Save(path, result.Network, result.Metadata);
            using var model = SoundModel.Load(path);
            Assert.Equal(TimbreCode.Size(shape.CodeLatentSize), model.LatentSize);
            float[] low = model.Encode(TestSounds.Tone(220)), high = model.Encode(TestSounds.Tone(330, 0.3));
            Assert.Equal(model.Decode(low).Samples, model.Reconstruct(TestSounds.Tone(220)).Samples);
            Assert.All(model.Decode(SoundModel.Interpolate(low, high, 0.5)).Samples, s => Assert.True(float.IsFinite(s)));
            Assert.NotEqual(model.Decode(low).Samples, model.Decode(model.Transpose(low, 7)).Samples);

            // The motion reaches the decoder: a code whose motion is another sound's decodes differently.
            float[] moved = (float[])low.Clone();
            Array.Copy(high, shape.LatentSize, moved, shape.LatentSize, shape.CodeLatentSize - shape.LatentSize);
            Assert.NotEqual(model.Decode(low).Samples, model.Decode(moved).Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddingMotionToATrainedModelKeepsItsSound()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var still = new TimbreVae(TinyTimbre());
        TimbreVae moving = still.WithMotion(3);
        still.eval();
        moving.eval();
        using var inference = inference_mode();
        MonoAudio tone = TestSounds.Tone(196, decayPerSecond: 1);
        float[] before = still.DecodeCode(still.EncodeCode(tone)).Samples, after = moving.DecodeCode(moving.EncodeCode(tone)).Samples;
        double peak = before.Max(Math.Abs), error = before.Zip(after, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(error < 1e-5 * peak, $"largest difference {error} against a peak of {peak}");
        Assert.Throws<Core.AscimlException>(() => moving.WithMotion(3));
    }

    [Fact]
    public void AddingMotionChannelsToAModelWithMotionKeepsItsSoundAndItsMotion()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var two = new TimbreVae(TinyTimbre() with { MotionChannels = 2 });
        TimbreVae five = two.WithMotion(5);
        two.eval();
        five.eval();
        using var inference = inference_mode();
        MonoAudio tone = TestSounds.Tone(262, decayPerSecond: 2);
        float[] codeTwo = two.EncodeCode(tone), codeFive = five.EncodeCode(tone);
        int latent = two.Architecture.LatentSize, steps = TimbreArchitecture.MotionSteps;

        // The old channels' motion is read exactly as before; the new ones follow it.
        double moved = codeTwo[..(latent + (2 * steps))].Zip(codeFive, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(moved < 1e-6, $"the kept part of the code moved by {moved}");
        Assert.Equal(five.CodeSize - two.CodeSize, 3 * steps);
        float[] before = two.DecodeCode(codeTwo).Samples, after = five.DecodeCode(codeFive).Samples;
        double peak = before.Max(Math.Abs), error = before.Zip(after, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(peak > 1e-4, $"peak {peak}");
        Assert.True(error < 1e-5 * peak, $"largest difference {error} against a peak of {peak}");
    }

    [Fact]
    public void AFinerNoiseFilterKeepsTheHarmonicsAndTheNoiseEnvelope()
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        var coarse = new TimbreVae(TinyTimbre());
        TimbreVae fine = coarse.WithNoiseBands(33);
        coarse.eval();
        fine.eval();
        using var inference = inference_mode();
        MonoAudio tone = TestSounds.Tone(330, decayPerSecond: 1);
        float[] code = coarse.EncodeCode(tone);
        Assert.Equal(code, fine.EncodeCode(tone));

        (float[] latent, _) = TimbreCode.Unpack(code, coarse.Architecture.CodeLatentSize);
        Tensor controls = coarse.Controls([tone], CPU)!;
        SynthControls before = coarse.DecoderParameters(tensor(latent, new long[] { 1, latent.Length }), controls);
        SynthControls after = fine.DecoderParameters(tensor(latent, new long[] { 1, latent.Length }), controls);
        Assert.Equal(0f, (before.Distribution - after.Distribution).abs().max().item<float>());
        Assert.Equal(0f, (before.Amplitude - after.Amplitude).abs().max().item<float>());
        Assert.Equal(new long[] { 1, 33, ControlCurves.FrameCount }, after.NoiseMagnitudes.shape);

        // Every other fine band sits on a coarse band's frequency and has its value; the ones between lie between.
        Tensor onCoarse = after.NoiseMagnitudes[.., TensorIndex.Slice(0, 33, 2)];
        Assert.True((onCoarse - before.NoiseMagnitudes).abs().max().item<float>() < 1e-6f);
        Tensor between = after.NoiseMagnitudes[.., TensorIndex.Slice(1, 33, 2)];
        Tensor low = before.NoiseMagnitudes[.., TensorIndex.Slice(0, 16)], high = before.NoiseMagnitudes[.., TensorIndex.Slice(1, 17)];
        Assert.True((between - minimum(low, high)).min().item<float>() > -1e-6f);
        Assert.True((maximum(low, high) - between).min().item<float>() > -1e-6f);
        Assert.Throws<Core.AscimlException>(() => fine.WithNoiseBands(17));
    }

    [Fact]
    public void ModelFilesWrittenBeforeMotionHaveNone()
    {
        string json = System.Text.Json.JsonSerializer.Serialize(TinyTimbre(), ModelFile.JsonOptions);
        var without = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(without.Remove("motion_channels"), json);
        TimbreArchitecture read = System.Text.Json.JsonSerializer.Deserialize<TimbreArchitecture>(without.ToJsonString(), ModelFile.JsonOptions)!;
        Assert.Equal(TinyTimbre(), read);
        Assert.Equal(0, read.MotionChannels);
    }

    [Fact]
    public void WaveformModelsRefuseToTranspose()
    {
        using var model = new SoundModel(TestSounds.Tiny().Build(), new ModelMetadata());
        Assert.False(model.HasPitchControl);
        var error = Assert.Throws<Core.AscimlException>(() => model.Transpose(new float[model.LatentSize], 3));
        Assert.Contains("no pitch control", error.Message);
    }

    [Fact]
    public void PresetsListTimbreFirstAndRejectUnknownNames()
    {
        Assert.Equal("timbre", ModelPresets.Default);
        Assert.IsType<TimbreArchitecture>(ModelPresets.FromName(null));
        Assert.IsType<VaeArchitecture>(ModelPresets.FromName("lite"));
        Assert.Equal(32, ModelPresets.FromName("paper").LatentSize);
        Assert.Contains("unknown model preset", Assert.Throws<Core.AscimlException>(() => ModelPresets.FromName("huge")).Message);
        Assert.False((TinyTimbre() with { NoiseBands = 20 }).IsConsistent());
    }
}
