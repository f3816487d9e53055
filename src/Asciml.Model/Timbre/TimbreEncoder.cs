using Asciml.Core.Audio;
using Asciml.Core.Features;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Timbre;

/// <summary>
/// Waveform (batch, 16000) → latent mean and log-variance (batch, latent). Listens through a log-mel
/// spectrogram (1024-point STFT, hop 128) with the clip's mean level removed, so the code describes timbre and
/// not loudness (loudness reaches the decoder as its own curve); three convolutions, then mean and max over
/// time, then one linear layer. With motion channels, a 1×1 convolution of the frames before pooling adds how
/// the timbre moves: (batch, latent + channels × 32).
/// </summary>
public sealed class TimbreEncoder : nn.Module<Tensor, (Tensor Mean, Tensor LogVariance)>
{
    private const int FftSize = 1024;
    private readonly Tensor melWeights;
    private readonly Conv1d first;
    private readonly Conv1d second;
    private readonly Conv1d third;
    private readonly Linear latent;
    private readonly Conv1d? motion;
    private readonly int motionChannels;

    public TimbreEncoder(TimbreArchitecture architecture) : base(nameof(TimbreEncoder))
    {
        double[][] weights = MelWeights.Triangular(FftSize, ModelInputFormat.SampleRateHz, architecture.MelBands);
        int bins = weights[0].Length;
        melWeights = tensor(weights.SelectMany(row => row.Select(w => (float)w)).ToArray(), new long[] { architecture.MelBands, bins });
        int units = architecture.HiddenUnits;
        first = nn.Conv1d(architecture.MelBands, units, 5, padding: 2);
        second = nn.Conv1d(units, units, 5, stride: 2, padding: 2);
        third = nn.Conv1d(units, units, 5, stride: 2, padding: 2);
        latent = nn.Linear(2 * units, 2 * architecture.LatentSize);
        motionChannels = architecture.MotionChannels;
        if (motionChannels > 0)
        {
            motion = nn.Conv1d(units, 2 * motionChannels, 1);
        }

        register_buffer("mel_weights", melWeights, persistent: false);
        RegisterComponents();
    }

    public override (Tensor Mean, Tensor LogVariance) forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        Tensor window = hann_window(FftSize, device: waveform.device);
        Tensor spectrum = stft(waveform, FftSize, hop_length: TimbreArchitecture.HopSamples, win_length: FftSize, window: window,
            center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
        Tensor power = Vae.MultiResolutionStft.Power(spectrum);
        Tensor logMel = matmul(melWeights.to(waveform.device), power).add(1e-6).log();
        Tensor x = (logMel - logMel.mean(new long[] { 1, 2 }, keepdim: true)) / 4;
        x = nn.functional.leaky_relu(first.forward(x), 0.2);
        x = nn.functional.leaky_relu(second.forward(x), 0.2);
        x = nn.functional.leaky_relu(third.forward(x), 0.2);
        Tensor pooled = cat(new[] { x.mean(new long[] { 2 }), x.amax(new long[] { 2 }) }, 1);
        Tensor[] halves = latent.forward(pooled).chunk(2, 1);
        Tensor mean = halves[0], logVariance = halves[1];
        if (motion is not null)
        {
            // The motion: the frames before pooling, per channel and step, flattened after the static latent.
            Tensor[] moving = motion.forward(x).chunk(2, 1);
            long batch = waveform.shape[0];
            mean = cat(new[] { mean, moving[0].reshape(batch, -1) }, 1);
            logVariance = cat(new[] { logVariance, moving[1].reshape(batch, -1) }, 1);
        }

        return (mean.MoveToOuterDisposeScope(), logVariance.clamp(-20, 10).MoveToOuterDisposeScope());
    }
}
