using System.Globalization;
using System.IO.Compression;
using System.Text;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.IO;

namespace Asciml.Model.Creation;

/// <summary>What a sample pack covers and how its files are written.</summary>
public sealed record InstrumentSettings
{
    /// <summary>MIDI note of the lowest key (36 = C2, with 60 = C4).</summary>
    public int LowKey { get; init; } = 36;

    /// <summary>MIDI note of the highest key (84 = C6).</summary>
    public int HighKey { get; init; } = 84;

    /// <summary>Semitones between sampled keys; each sample covers the keys nearest to it.</summary>
    public int KeyStep { get; init; } = 3;

    public int VelocityLayers { get; init; } = 2;

    /// <summary>Gain of each velocity layer below the loudest one.</summary>
    public double LayerStepDb { get; init; } = -9;

    /// <summary>44100 or 48000.</summary>
    public int SampleRateHz { get; init; } = 48_000;

    public double ReleaseSeconds { get; init; } = 0.25;

    public const string SfzFileName = "instrument.sfz";
    public const string ReadmeFileName = "README.txt";

    public InstrumentSettings Checked()
    {
        if (SampleRateHz is not (44_100 or 48_000))
        {
            throw new AscimlException($"a sample pack is written at 44100 or 48000 Hz, not {SampleRateHz}");
        }

        if (LowKey is < 0 or > 127 || HighKey is < 0 or > 127 || LowKey > HighKey)
        {
            throw new AscimlException($"key range {LowKey}–{HighKey} is not within MIDI notes 0–127 (low first)");
        }

        if (KeyStep is < 1 or > 24 || VelocityLayers is < 1 or > 8)
        {
            throw new AscimlException($"a pack samples every 1–24 semitones with 1–8 velocity layers, not {KeyStep} and {VelocityLayers}");
        }

        if (!double.IsFinite(ReleaseSeconds) || ReleaseSeconds is < 0 or > 10 || !double.IsFinite(LayerStepDb) || LayerStepDb is > 0 or < -40)
        {
            throw new AscimlException("release must be 0–10 s and the velocity layer step −40–0 dB");
        }

        return this;
    }
}

/// <summary>One region of the pack: a WAV file, the key it sounds at, and the keys and velocities it answers.</summary>
public sealed record InstrumentRegion(string FileName, int KeyCenter, int LowKey, int HighKey, int LowVelocity, int HighVelocity, double GainDb);

/// <summary>
/// The sound a pack is made of: its own pitch and a way to hear it moved by some semitones (16 kHz, one second).
/// </summary>
public sealed class InstrumentSource
{
    private readonly Func<double, MonoAudio> _transposed;

    private InstrumentSource(MonoAudio sound, double ownKey, double? f0Hz, string method, Func<double, MonoAudio> transposed)
    {
        Sound = sound;
        OwnKey = ownKey;
        F0Hz = f0Hz;
        TranspositionMethod = method;
        _transposed = transposed;
    }

    /// <summary>The sound as decoded, untransposed (it sounds at <see cref="OwnKey"/>).</summary>
    public MonoAudio Sound { get; }

    /// <summary>The (fractional) MIDI key the sound plays at untransposed: its median F0, or C4 when unpitched.</summary>
    public double OwnKey { get; }

    public double? F0Hz { get; }

    public string TranspositionMethod { get; }

    /// <summary>The sound moved by <paramref name="semitones"/>.</summary>
    public MonoAudio Transposed(double semitones) => _transposed(semitones);

    /// <summary>Transposes a rendered one-second sound by resampling (pitch and speed move together).</summary>
    public static InstrumentSource FromSound(MonoAudio sound)
    {
        ArgumentNullException.ThrowIfNull(sound);
        double? f0 = ControlCurves.Extract(sound).MedianF0Hz();
        return new InstrumentSource(sound, KeyOf(f0), f0, "resampling (pitch and speed move together)",
            semitones => PitchShift.Resampled(sound, semitones));
    }

    /// <summary>
    /// The morph of two model inputs. Models with pitch control move the morph's pitch curve (timbre and timing
    /// stay; beyond ±24 semitones the rest is done by resampling); other models fall back to resampling the
    /// decoded morph.
    /// </summary>
    public static InstrumentSource FromMorph(SoundModel model, MonoAudio soundA, MonoAudio soundB, double amount)
    {
        ArgumentNullException.ThrowIfNull(model);
        float[][] codes = model.Encode([soundA, soundB]);
        return FromCode(model, SoundModel.Interpolate(codes[0], codes[1], amount));
    }

    /// <summary>
    /// A sound's code (a morph, a map point) as an instrument: pitch control where the model has it, else
    /// resampling of the decoded sound (see <see cref="FromMorph"/>).
    /// </summary>
    public static InstrumentSource FromCode(SoundModel model, float[] morph)
    {
        ArgumentNullException.ThrowIfNull(model);
        MonoAudio decoded = model.Decode(morph);
        if (!model.HasPitchControl)
        {
            return FromSound(decoded);
        }

        double? f0 = ControlCurves.Extract(decoded).MedianF0Hz();
        Func<double, float[]> transposer = model.Transposer(morph);
        return new InstrumentSource(decoded, KeyOf(f0), f0, "the model's pitch control (timbre and timing kept)", semitones =>
        {
            double byModel = Math.Clamp(semitones, -SoundModel.MaximumTransposeSemitones, SoundModel.MaximumTransposeSemitones);
            MonoAudio rendered = model.Decode(transposer(byModel));
            return semitones == byModel ? rendered : PitchShift.Resampled(rendered, semitones - byModel);
        });
    }

    private static double KeyOf(double? f0Hz) => f0Hz is double f ? 69 + (12 * Math.Log2(f / 440)) : 60;
}

/// <summary>
/// A playable sample pack: one WAV per sampled key and velocity layer (24-bit PCM, 44.1 or 48 kHz), an SFZ file
/// mapping them, and a README with where the sound came from. Samples are rendered at their key centre (a
/// sampler transposes between them by at most a semitone), end with a short fade, and share one gain so that
/// the loudest sample peaks at −0.1 dBFS at most.
/// </summary>
public static class InstrumentPack
{
    private const double FadeOutSeconds = 0.005;
    private const double PeakCeiling = 0.9886; // −0.1 dBFS
    private static readonly string[] NoteNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>Sampled key centres and the regions they answer, loudest velocity layer last.</summary>
    public static IReadOnlyList<InstrumentRegion> Layout(InstrumentSettings settings)
    {
        settings = settings.Checked();
        var regions = new List<InstrumentRegion>();
        int[] centres = Enumerable.Range(0, ((settings.HighKey - settings.LowKey) / settings.KeyStep) + 1)
            .Select(i => settings.LowKey + (i * settings.KeyStep)).ToArray();
        for (int c = 0; c < centres.Length; c++)
        {
            int low = c == 0 ? settings.LowKey : centres[c] - (settings.KeyStep / 2);
            int high = c == centres.Length - 1 ? settings.HighKey : centres[c] + ((settings.KeyStep - 1) / 2);
            for (int layer = 0; layer < settings.VelocityLayers; layer++)
            {
                int lowVelocity = 1 + (layer * 127 / settings.VelocityLayers);
                int highVelocity = (layer + 1) * 127 / settings.VelocityLayers;
                string file = $"samples/{NoteName(centres[c]).Replace('#', 's')}_{centres[c]:000}_v{layer + 1}.wav";
                regions.Add(new InstrumentRegion(file, centres[c], low, high, lowVelocity, highVelocity,
                    settings.LayerStepDb * (settings.VelocityLayers - 1 - layer)));
            }
        }

        return regions;
    }

    /// <summary>Scientific pitch name of a MIDI note (60 = C4).</summary>
    public static string NoteName(int key) => $"{NoteNames[key % 12]}{(key / 12) - 1}";

    /// <summary>The README's provenance lines of a pack made from a morph: the model, the two sounds and the amount, and what made it.</summary>
    public static IReadOnlyList<string> MorphProvenance(string modelPath, SoundModel model, string soundA, string soundB, double amount, string madeBy)
    {
        ArgumentNullException.ThrowIfNull(model);
        string preset = string.IsNullOrWhiteSpace(model.Metadata.Preset) ? "unnamed" : model.Metadata.Preset;
        return
        [
            $"Model: {Path.GetFileName(modelPath)} (family {model.Family}, preset {preset}, pitch control {(model.HasPitchControl ? "yes" : "no")})",
            $"Morph: A = {soundA}, B = {soundB}, amount {amount.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} (0 = A, 1 = B)",
            $"Made by: {madeBy}",
        ];
    }

    /// <summary>Renders the pack and writes it as a zip file (atomically: a temporary file, then a rename).</summary>
    public static void Write(string path, InstrumentSource source, InstrumentSettings settings, IReadOnlyList<string> provenance)
    {
        AtomicFile.Write(path, stream => Write(stream, source, settings, provenance));
    }

    public static void Write(Stream destination, InstrumentSource source, InstrumentSettings settings, IReadOnlyList<string> provenance)
    {
        ArgumentNullException.ThrowIfNull(source);
        IReadOnlyList<InstrumentRegion> regions = Layout(settings);
        var rendered = new Dictionary<int, float[]>();
        foreach (int centre in regions.Select(r => r.KeyCenter).Distinct())
        {
            MonoAudio clip = source.Transposed(centre - source.OwnKey);
            rendered[centre] = FadeOut(Resampler.Resample(clip, settings.SampleRateHz));
        }

        double peak = rendered.Values.SelectMany(samples => samples).Select(s => Math.Abs((double)s)).DefaultIfEmpty(0).Max();
        double gain = peak > PeakCeiling ? PeakCeiling / peak : 1;

        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (InstrumentRegion region in regions)
        {
            double layerGain = gain * Math.Pow(10, region.GainDb / 20);
            float[] samples = rendered[region.KeyCenter].Select(s => (float)(s * layerGain)).ToArray();
            byte[] wav = WavWriter.ToBytes(new MonoAudio(samples, settings.SampleRateHz), WavSampleFormat.Pcm24);
            using Stream entry = zip.CreateEntry(region.FileName, CompressionLevel.Optimal).Open();
            entry.Write(wav);
        }

        WriteText(zip, InstrumentSettings.SfzFileName, Sfz(regions, settings, source));
        WriteText(zip, InstrumentSettings.ReadmeFileName, Readme(regions, settings, source, provenance));
    }

    /// <summary>The SFZ text: one region per sample with its keys, key centre and velocities.</summary>
    public static string Sfz(IReadOnlyList<InstrumentRegion> regions, InstrumentSettings settings, InstrumentSource source)
    {
        var text = new StringBuilder();
        text.AppendLine("// Asciml sample pack: see README.txt for where this sound came from.");
        text.AppendLine(CultureInfo.InvariantCulture, $"// Samples rendered at their key centre by {source.TranspositionMethod}.");
        text.AppendLine("<global>");
        text.AppendLine(CultureInfo.InvariantCulture, $"ampeg_release={settings.ReleaseSeconds:0.###}");
        foreach (InstrumentRegion region in regions)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"<region> sample={region.FileName} lokey={region.LowKey} hikey={region.HighKey} pitch_keycenter={region.KeyCenter} lovel={region.LowVelocity} hivel={region.HighVelocity}");
        }

        return text.ToString();
    }

    private static string Readme(IReadOnlyList<InstrumentRegion> regions, InstrumentSettings settings, InstrumentSource source, IReadOnlyList<string> provenance)
    {
        var text = new StringBuilder();
        text.AppendLine("Asciml sample pack");
        text.AppendLine("==================");
        text.AppendLine();
        foreach (string line in provenance)
        {
            text.AppendLine(line);
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Own pitch of the sound: {(source.F0Hz is double f ? $"{f:0.##} Hz (MIDI key {source.OwnKey:0.##})" : "none found (unpitched): C4 plays it as it is, other keys move it relative to C4")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Transposition: {source.TranspositionMethod}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Keys: {NoteName(settings.LowKey)}–{NoteName(settings.HighKey)}, one sample every {settings.KeyStep} semitones, {settings.VelocityLayers} velocity layer(s) {Math.Abs(settings.LayerStepDb):0.#} dB apart");
        text.AppendLine(CultureInfo.InvariantCulture, $"Files: {regions.Count} WAVs, mono, {settings.SampleRateHz} Hz, 24-bit PCM, one second each, in samples/");
        text.AppendLine(CultureInfo.InvariantCulture, $"Mapping: {InstrumentSettings.SfzFileName} (SFZ; open it in sfizz or any other SFZ player; see docs/PLAY.md)");
        text.AppendLine(CultureInfo.InvariantCulture, $"Made: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        return text.ToString();
    }

    private static float[] FadeOut(MonoAudio clip)
    {
        float[] samples = (float[])clip.Samples.Clone();
        int fade = Math.Min(samples.Length, (int)(FadeOutSeconds * clip.SampleRateHz));
        for (int i = 0; i < fade; i++)
        {
            samples[samples.Length - 1 - i] *= (float)i / fade;
        }

        return samples;
    }

    private static void WriteText(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
