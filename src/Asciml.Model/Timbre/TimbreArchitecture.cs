using Asciml.Core;
using Asciml.Core.Features;
using Asciml.Model.Vae;

namespace Asciml.Model.Timbre;

/// <summary>
/// The shape of the timbre model: an encoder from a log-mel spectrogram to a latent timbre code, and a decoder
/// that turns per-frame pitch, loudness and voicing plus that code into the parameters of a harmonic
/// oscillator bank and a filtered-noise source (the DDSP idea, Engel et al. 2020). Pitch is exact by design:
/// the oscillators run at the sound's own F0 curve, so a transposition or a morph moves pitch precisely.
/// </summary>
/// <param name="Preset">`timbre`, or a custom name (tests build tiny ones).</param>
/// <param name="LatentSize">Dimensions of the timbre code.</param>
/// <param name="HiddenUnits">Channels of the encoder and decoder convolutions.</param>
/// <param name="DecoderLayers">Residual dilated convolutions over frames in the decoder (dilation 1, 2, 4, …).</param>
/// <param name="Harmonics">Oscillators of the harmonic bank (those above Nyquist are silenced per frame).</param>
/// <param name="NoiseBands">Linearly spaced bands of the noise filter (an STFT of 2·(bands − 1) points).</param>
/// <param name="MelBands">Mel bands the encoder listens through.</param>
/// <param name="MotionChannels">
/// Channels of the code's *motion*: how the timbre moves through the second, <see cref="MotionSteps"/> steps of
/// 32 ms per channel, beside the static latent (0 = none; files written before it have none).
/// </param>
public sealed record TimbreArchitecture(
    string Preset,
    int LatentSize,
    int HiddenUnits,
    int DecoderLayers,
    int Harmonics,
    int NoiseBands,
    int MelBands,
    int MotionChannels = 0) : IModelArchitecture
{
    public const string TimbreFamily = "timbre";
    public const int DefaultLatentSize = 16;
    public const int FrameCount = ControlCurves.FrameCount;
    public const int HopSamples = ControlCurves.HopSamples;

    /// <summary>Steps of the motion: the encoder's frames after its two stride-2 convolutions (126 → 63 → 32).</summary>
    public const int MotionSteps = 32;

    public string Family => TimbreFamily;

    /// <summary>Values of the latent part of a code: the static latent, then each motion channel's steps.</summary>
    public int CodeLatentSize => LatentSize + (MotionChannels * MotionSteps);

    /// <summary>
    /// The shipped shape: 16 latent dimensions, 192 channels, 4 decoder layers, 64 harmonics (up to 6.4 kHz at
    /// 100 Hz; the noise covers the rest), 65 noise bands (125 Hz each), 48 mel bands.
    /// </summary>
    public static TimbreArchitecture Default(int latentSize = DefaultLatentSize) =>
        new(TimbreFamily, latentSize, 192, 4, 64, 65, 48);

    public SoundVae Build() => new TimbreVae(this);

    public bool IsConsistent() =>
        Preset is { Length: > 0 } && LatentSize is >= 1 and <= 256 && HiddenUnits is >= 4 and <= 1024
        && DecoderLayers is >= 1 and <= 12 && Harmonics is >= 1 and <= 256 && NoiseBands is >= 3 and <= 1025
        && int.IsPow2(2 * (NoiseBands - 1)) && MelBands is >= 4 and <= 128 && MotionChannels is >= 0 and <= 16;

    /// <summary>Throws a one-line error when the shape cannot be built.</summary>
    public TimbreArchitecture Checked() => IsConsistent()
        ? this
        : throw new AscimlException($"timbre model shape '{Preset}' is out of range (latent {LatentSize}, {HiddenUnits} units, {DecoderLayers} layers, {Harmonics} harmonics, {NoiseBands} noise bands, {MelBands} mel bands, {MotionChannels} motion channels)");
}
