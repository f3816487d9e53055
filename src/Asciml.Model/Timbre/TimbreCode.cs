using Asciml.Core.Features;

namespace Asciml.Model.Timbre;

/// <summary>
/// The code of a sound under a timbre model: the latent timbre vector (followed by the model's motion channels,
/// scaled by TimbreVae, when it has them — to this class they are part of the latent), then three curves of
/// <see cref="ControlCurves.FrameCount"/> frames — pitch in octaves relative to A4, loudness in units of 20 dB
/// (log10 of amplitude), voicing 0..1 — each curve multiplied by 1/√frames so a whole curve weighs about as
/// much as one latent dimension on the latent map, then the stretch B of its partials in thousandths
/// (<see cref="Core.Features.StringInharmonicity"/>; 0 to 1), and last the sound's brightness: log2 of its mean harmonic
/// number (see <see cref="TimbreBrightness"/>). Every quantity is linear where mixing is musical: a linear mix
/// of two codes interpolates the latent linearly, F0 in log-frequency, loudness in dB and brightness in octaves
/// of harmonic number.
/// </summary>
public static class TimbreCode
{
    public const int FrameCount = ControlCurves.FrameCount;
    public const double ReferenceHz = 440;
    public static readonly double CurveScale = 1 / Math.Sqrt(FrameCount);

    /// <summary>B is stored in thousandths: a harp's 10⁻³ weighs about as much as one latent dimension.</summary>
    public const double InharmonicityScale = 1000;

    public static int Size(int latentSize) => latentSize + (3 * FrameCount) + 2;

    /// <summary>The brightness a code asks for (log2 of the mean harmonic number).</summary>
    public static double Brightness(float[] code) => code[^1];

    /// <summary>The same code asking for <paramref name="octaves"/> of brightness.</summary>
    public static float[] WithBrightness(float[] code, double octaves)
    {
        float[] changed = (float[])code.Clone();
        changed[^1] = (float)octaves;
        return changed;
    }

    /// <summary>Packs a latent vector, control curves and a brightness (octaves of harmonic number) into one code.</summary>
    public static float[] Pack(float[] latent, ControlCurves curves, double brightnessOctaves = 0)
    {
        var code = new float[Size(latent.Length)];
        latent.CopyTo(code, 0);
        int pitch = latent.Length, loudness = pitch + FrameCount, voicing = loudness + FrameCount;
        for (int k = 0; k < FrameCount; k++)
        {
            code[pitch + k] = (float)(Math.Log2(curves.F0Hz[k] / ReferenceHz) * CurveScale);
            code[loudness + k] = (float)(curves.LoudnessDb[k] / 20.0 * CurveScale);
            code[voicing + k] = (float)(curves.Voicing[k] * CurveScale);
        }

        code[^2] = (float)(curves.Inharmonicity * InharmonicityScale);
        code[^1] = (float)brightnessOctaves;
        return code;
    }

    /// <summary>The latent vector and curves of a code.</summary>
    public static (float[] Latent, ControlCurves Curves) Unpack(float[] code, int latentSize)
    {
        if (code.Length != Size(latentSize))
        {
            throw new Core.AscimlException($"a timbre code has {Size(latentSize)} values for latent size {latentSize}, got {code.Length}");
        }

        int pitch = latentSize, loudness = pitch + FrameCount, voicing = loudness + FrameCount;
        var f0 = new float[FrameCount];
        var loud = new float[FrameCount];
        var voiced = new float[FrameCount];
        for (int k = 0; k < FrameCount; k++)
        {
            f0[k] = (float)(ReferenceHz * Math.Pow(2, code[pitch + k] / CurveScale));
            loud[k] = (float)(code[loudness + k] / CurveScale * 20.0);
            voiced[k] = (float)Math.Clamp(code[voicing + k] / CurveScale, 0, 1);
        }

        double inharmonicity = Math.Clamp(code[^2] / InharmonicityScale, 0, Core.Features.StringInharmonicity.MaximumCoefficient);
        return (code[..latentSize], new ControlCurves(f0, voiced, loud, inharmonicity));
    }

    /// <summary>The same code with its pitch curve moved by <paramref name="semitones"/>.</summary>
    public static float[] Transpose(float[] code, int latentSize, double semitones)
    {
        float[] moved = (float[])code.Clone();
        float shift = (float)(semitones / 12.0 * CurveScale);
        for (int k = 0; k < FrameCount; k++)
        {
            moved[latentSize + k] += shift;
        }

        return moved;
    }
}
