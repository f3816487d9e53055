using System.Collections.Concurrent;
using System.Diagnostics;
using Asciml.Core.Audio;

namespace Asciml.Model.Creation;

/// <summary>
/// One morph rendered for the play page: a one-second clip at each of <see cref="KeyboardRenders.Keys"/>. The browser
/// plays a note with the nearest clip, its playback rate moving it the last ≤ 3 semitones.
/// </summary>
/// <param name="SoundingKeys">The (fractional) MIDI key each clip sounds at: its key, or where transposition stopped.</param>
public sealed record KeyboardSet(string Token, IReadOnlyList<int> Keys, IReadOnlyList<double> SoundingKeys, double OwnKey,
    int SampleRateHz, int LengthSamples, float[] Samples, double RenderMilliseconds)
{
    /// <summary>The player's status line once this set has arrived, naming what it plays.</summary>
    public string Status(string playing)
    {
        string own = InstrumentPack.NoteName((int)Math.Round(Math.Clamp(OwnKey, 0, 127)));
        return KeyboardRenders.IsComplete(this)
            ? $"Ready: {Keys.Count} notes rendered in {RenderMilliseconds:0} ms ({playing}; own pitch {own})"
            : $"Playable after {RenderMilliseconds:0} ms; rendering the exact notes… ({playing}; own pitch {own})";
    }
}

/// <summary>
/// Renders keyboard sets (9 clips, C2–C6 every 6 semitones: the source's own transposition, the model's pitch control
/// or resampling) and keeps the latest few by token so the browser can fetch their samples as raw float32.
/// </summary>
public sealed class KeyboardRenders
{
    public const int Capacity = 32;

    /// <summary>C2 … C6 every 6 semitones: any key is at most 3 semitones from a rendered one.</summary>
    public static IReadOnlyList<int> Keys { get; } = [.. Enumerable.Range(0, 9).Select(i => 36 + (6 * i))];

    private readonly ConcurrentDictionary<string, KeyboardSet> _sets = new();
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>
    /// Renders the set for a code (the exact notes are rendered one after the other and can be abandoned). <paramref name="preview"/>, when given, first gets a one-clip set (the sound as
    /// decoded, at its own key: the browser moves it to any key by playback rate) so the new sound is playable after
    /// one decode, before the nine exact clips are ready.
    /// </summary>
    /// <param name="superseded">Asked between keys: true abandons the set (a newer morph is waiting) and returns null.</param>
    public KeyboardSet? Render(ModelSession session, float[] code, Action<KeyboardSet>? preview = null, Func<bool>? superseded = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = Stopwatch.StartNew();
        InstrumentSource source = session.Instrument(code);
        if (preview is not null)
        {
            int key = (int)Math.Round(Math.Clamp(source.OwnKey, 0, 127));
            preview(Keep(new KeyboardSet(NewToken(), [key], [source.OwnKey], source.OwnKey, ModelInputFormat.SampleRateHz, source.Sound.Samples.Length,
                source.Sound.Samples, clock.Elapsed.TotalMilliseconds)));
        }

        int length = ModelInputFormat.LengthSamples;
        var samples = new float[Keys.Count * length];
        var sounding = new double[Keys.Count];
        for (int k = 0; k < Keys.Count; k++)
        {
            if (superseded?.Invoke() == true)
            {
                return null;
            }

            // Resampling stops at ±48 semitones (beyond that the browser's playback rate moves the rest).
            double shift = Math.Clamp(Keys[k] - source.OwnKey, -PitchShift.MaximumSemitones, PitchShift.MaximumSemitones);
            float[] clip = source.Transposed(shift).Samples;
            Array.Copy(clip, 0, samples, k * length, Math.Min(length, clip.Length));
            sounding[k] = source.OwnKey + shift;
        }

        return Keep(new KeyboardSet(NewToken(), Keys, sounding, source.OwnKey, ModelInputFormat.SampleRateHz, length, samples, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>True when <paramref name="set"/> holds every key of <see cref="Keys"/> (not a preview).</summary>
    public static bool IsComplete(KeyboardSet set) => set?.Keys.Count == Keys.Count;

    private static string NewToken() => Guid.NewGuid().ToString("N")[..16];

    private KeyboardSet Keep(KeyboardSet set)
    {
        _sets[set.Token] = set;
        _order.Enqueue(set.Token);
        while (_order.Count > Capacity && _order.TryDequeue(out string? oldest))
        {
            _sets.TryRemove(oldest, out _);
        }

        return set;
    }

    public KeyboardSet? Find(string token) => _sets.TryGetValue(token, out KeyboardSet? set) ? set : null;

    /// <summary>The set's samples as little-endian float32, clip after clip (what Web Audio buffers take as they are).</summary>
    public static byte[] ToBytes(KeyboardSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var bytes = new byte[set.Samples.Length * sizeof(float)];
        Buffer.BlockCopy(set.Samples, 0, bytes, 0, bytes.Length);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += 4)
            {
                Array.Reverse(bytes, i, 4);
            }
        }

        return bytes;
    }
}
