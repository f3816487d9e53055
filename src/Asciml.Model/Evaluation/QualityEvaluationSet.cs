using System.Diagnostics;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.IO;
using Asciml.Core.Synthesis;

namespace Asciml.Model.Evaluation;

/// <summary>One sound of the evaluation set, as a model input.</summary>
public sealed record EvaluationClip(string Name, string Family, MonoAudio Audio)
{
    /// <summary>Pitched clips are scored on F0: any family but percussion, when the original has a pitch.</summary>
    public bool Pitched { get; } = Family != QualityEvaluationSet.Percussion && ControlCurves.Extract(Audio).IsPitched;
}

/// <summary>
/// The quality benchmark's sounds, made by the project so anyone can rebuild them: instrument notes rendered
/// by fluidsynth with the FluidR3 General MIDI sound font (instruments and pitches other than the F0-accuracy
/// tool's), drum-kit hits from the same font, spoken and sung vowels from espeak-ng, and sounds of the
/// synthesis corpus under a seed the pretraining never used. Rendered files are cached in a work folder.
/// Needs the Debian packages fluidsynth, fluid-soundfont-gm and espeak-ng.
/// </summary>
public static class QualityEvaluationSet
{
    public const string Instrument = "instrument";
    public const string Percussion = "percussion";
    public const string Voice = "voice";
    public const string Synth = "synth";
    public const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    /// <summary>Seed of the held-out synthesized sounds (pretraining uses seed 0).</summary>
    public const int HeldOutSynthSeed = 7919;

    public static IReadOnlyList<string> Families { get; } = [Instrument, Percussion, Voice, Synth];

    /// <summary>General MIDI program, name, and four notes within its range.</summary>
    private static readonly (int Program, string Name, int[] Notes)[] Instruments =
    [
        (4, "electric-piano", [45, 57, 62, 74]),
        (6, "harpsichord", [50, 57, 69, 81]),
        (12, "marimba", [57, 62, 69, 81]),
        (16, "drawbar-organ", [45, 50, 62, 74]),
        (25, "steel-guitar", [45, 50, 57, 69]),
        (33, "finger-bass", [38, 41, 45, 50]),
        (41, "viola", [50, 57, 62, 69]),
        (46, "harp", [45, 57, 69, 81]),
        (61, "brass-section", [50, 57, 62, 69]),
        (66, "tenor-sax", [50, 57, 62, 69]),
        (70, "bassoon", [38, 45, 50, 57]),
        (74, "recorder", [69, 74, 81, 86]),
        (80, "square-lead", [45, 57, 69, 81]),
        (81, "saw-lead", [38, 50, 62, 74]),
    ];

    private static readonly (int Note, string Name)[] Drums =
    [
        (35, "kick"), (38, "snare"), (39, "clap"), (42, "closed-hat"), (46, "open-hat"),
        (45, "low-tom"), (50, "high-tom"), (49, "crash"), (56, "cowbell"), (75, "claves"),
    ];

    /// <summary>espeak-ng voice, pitch (0–99), words per minute, text: spoken vowels, then sung (slow, held).</summary>
    private static readonly (string Name, string Voice, int Pitch, int Speed, string Text)[] Vowels =
    [
        ("spoken-ah", "en", 40, 140, "ah"), ("spoken-ee", "en", 40, 140, "ee"), ("spoken-oo", "en+f3", 50, 140, "oo"),
        ("spoken-oh", "en+f3", 50, 140, "oh"), ("sung-aa-low", "en", 20, 60, "aaaaaah"), ("sung-ee-mid", "en+f2", 50, 60, "eeeeee"),
        ("sung-oo-high", "en+f4", 80, 60, "ooooooo"), ("sung-ah-mid", "en+m3", 60, 60, "aaaaaah"),
    ];

    /// <summary>
    /// The set: up to <paramref name="perFamily"/> clips of each family (null: all — 56 notes, 10 hits,
    /// 8 vowels, 12 synthesized sounds), rendered into <paramref name="workFolder"/> when not cached there.
    /// </summary>
    public static IReadOnlyList<EvaluationClip> Build(string workFolder, int? perFamily = null, IReadOnlyCollection<string>? families = null)
    {
        IReadOnlyCollection<string> chosen = families is { Count: > 0 } ? families : Families;
        foreach (string family in chosen.Where(f => !Families.Contains(f)))
        {
            throw new AscimlException($"unknown evaluation family '{family}': use {string.Join(", ", Families)}");
        }

        Directory.CreateDirectory(workFolder);
        var clips = new List<EvaluationClip>();
        if (chosen.Contains(Instrument))
        {
            var notes = Instruments.SelectMany(i => i.Notes.Select(n => (i.Program, Name: $"{i.Name}-{n}", Note: n))).ToArray();
            // Spread a limited set over instruments: every fourth note first, so 14 clips cover 14 instruments.
            var ordered = notes.Select((n, i) => (n, Key: (i % 4 * 100) + (i / 4))).OrderBy(x => x.Key).Select(x => x.n);
            foreach (var note in ordered.Take(perFamily ?? int.MaxValue))
            {
                clips.Add(new(note.Name, Instrument, Render(workFolder, note.Name, channel: 0, note.Program, note.Note)));
            }
        }

        if (chosen.Contains(Percussion))
        {
            foreach (var drum in Drums.Take(perFamily ?? int.MaxValue))
            {
                clips.Add(new(drum.Name, Percussion, Render(workFolder, drum.Name, channel: 9, program: 0, drum.Note)));
            }
        }

        if (chosen.Contains(Voice))
        {
            foreach (var vowel in Vowels.Take(perFamily ?? int.MaxValue))
            {
                clips.Add(new(vowel.Name, Voice, Speak(workFolder, vowel.Name, vowel.Voice, vowel.Pitch, vowel.Speed, vowel.Text)));
            }
        }

        if (chosen.Contains(Synth))
        {
            foreach (SynthesizedSound sound in PretrainingCorpus.Create(12, HeldOutSynthSeed).Take(perFamily ?? int.MaxValue))
            {
                clips.Add(new($"synth-{sound.Name}", Synth, sound.Audio));
            }
        }

        return clips;
    }

    private static MonoAudio Render(string folder, string name, int channel, int program, int note)
    {
        string wav = Path.Combine(folder, $"{name}.wav");
        if (!File.Exists(wav))
        {
            if (!File.Exists(SoundFont))
            {
                throw new AscimlException($"the sound font {SoundFont} is missing: apt-get install fluidsynth fluid-soundfont-gm");
            }

            string midi = Path.Combine(folder, $"{name}.mid");
            File.WriteAllBytes(midi, OneNoteMidi(channel, program, note, velocity: 100, durationMs: 800));
            // -T wav: the temporary name does not end in .wav, so fluidsynth is told the type
            AtomicFile.WriteVia(wav, temporary => Run("fluidsynth", ["-ni", "-q", "-r", "16000", "-g", "0.6", "-T", "wav", "-F", temporary, SoundFont, midi], "apt-get install fluidsynth fluid-soundfont-gm"));
        }

        return ModelInput.Load(wav);
    }

    private static MonoAudio Speak(string folder, string name, string voice, int pitch, int speed, string text)
    {
        string wav = Path.Combine(folder, $"{name}.wav");
        if (!File.Exists(wav))
        {
            AtomicFile.WriteVia(wav, temporary => Run("espeak-ng", ["-v", voice, "-p", pitch.ToString(), "-s", speed.ToString(), "-w", temporary, text], "apt-get install espeak-ng"));
        }

        return ModelInput.Load(wav);
    }

    /// <summary>A format-0 standard MIDI file: program change, one note, end of track (1 tick = 0.5 ms).</summary>
    public static byte[] OneNoteMidi(int channel, int program, int note, int velocity, int durationMs)
    {
        var events = new List<byte> { 0x00, (byte)(0xC0 | channel), (byte)program, 0x00, (byte)(0x90 | channel), (byte)note, (byte)velocity };
        events.AddRange(VariableLength(durationMs * 2));
        events.AddRange([(byte)(0x80 | channel), (byte)note, 0x00, 0x00, 0xFF, 0x2F, 0x00]);
        var file = new List<byte>();
        file.AddRange("MThd"u8.ToArray());
        file.AddRange(BigEndian(6, 4));
        file.AddRange(BigEndian(0, 2));
        file.AddRange(BigEndian(1, 2));
        file.AddRange(BigEndian(1000, 2)); // 1000 ticks per quarter note at the default 120 bpm
        file.AddRange("MTrk"u8.ToArray());
        file.AddRange(BigEndian(events.Count, 4));
        file.AddRange(events);
        return file.ToArray();
    }

    private static IEnumerable<byte> VariableLength(int value)
    {
        var bytes = new Stack<byte>();
        bytes.Push((byte)(value & 0x7F));
        while ((value >>= 7) > 0)
        {
            bytes.Push((byte)((value & 0x7F) | 0x80));
        }

        return bytes;
    }

    private static byte[] BigEndian(int value, int size) =>
        Enumerable.Range(0, size).Select(i => (byte)(value >> (8 * (size - 1 - i)))).ToArray();

    private static void Run(string program, IReadOnlyList<string> arguments, string install)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AscimlException($"{program} did not start: {install}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AscimlException($"{program} is not installed: {install}");
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new AscimlException($"{program} took more than 60 s and was stopped");
            }

            if (process.ExitCode != 0)
            {
                throw new AscimlException($"{program} failed (exit {process.ExitCode}): {error.Result.ReplaceLineEndings(" ").Trim()}");
            }
        }
    }
}
