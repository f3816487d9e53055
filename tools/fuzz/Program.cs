using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Fuzz;

// asciml-fuzz [--target wav|archive|all] [--seconds N] [--seed S] [--corpus DIR] [--crashes DIR] | --make-corpus DIR
// Mutates the corpus for a bounded time and reports executions and failures; failing inputs are saved for regression tests.
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));
string toolFolder = Path.Combine(root, "tools", "fuzz");
if (options.TryGetValue("--make-corpus", out string? corpusOut))
{
    CorpusMaker.Make(corpusOut);
    return 0;
}

string target = options.GetValueOrDefault("--target", "all");
double seconds = double.Parse(options.GetValueOrDefault("--seconds", "60"), CultureInfo.InvariantCulture);
int seed = int.Parse(options.GetValueOrDefault("--seed", "11"), CultureInfo.InvariantCulture);
string corpusRoot = options.GetValueOrDefault("--corpus", Path.Combine(toolFolder, "corpus"));
string crashes = options.GetValueOrDefault("--crashes", Path.Combine(toolFolder, "crashes"));
string[] targets = target == "all" ? [.. FuzzTargets.Names] : [target];
int failures = 0;
foreach (string name in targets)
{
    string corpusFolder = Path.Combine(corpusRoot, name);
    List<byte[]> corpus = [.. Directory.GetFiles(corpusFolder).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
    if (corpus.Count == 0)
    {
        Console.Error.WriteLine($"asciml-fuzz: no corpus in {corpusFolder}");
        return 2;
    }

    string scratch = Directory.CreateTempSubdirectory("asciml-fuzz-").FullName;
    Workspace? workspace = null;
    int workspaces = 0;
    var mutator = new Mutator(seed);
    var clock = Stopwatch.StartNew();
    long executions = 0;
    double slowestMs = 0;
    int found = 0;
    var seen = new HashSet<string>(StringComparer.Ordinal);
    try
    {
        // The corpus itself first, then mutations until the time is up.
        for (int i = 0; clock.Elapsed.TotalSeconds < seconds || i < corpus.Count; i++)
        {
            byte[] input = i < corpus.Count ? corpus[i] : mutator.Mutate(corpus[(int)(executions % corpus.Count)], corpus);
            long started = clock.ElapsedTicks;
            string? failure;
            if (name == "wav")
            {
                failure = FuzzTargets.Wav(input);
            }
            else
            {
                workspace ??= Workspace.Open(Path.Combine(scratch, $"ws{workspaces++}"));
                failure = FuzzTargets.Archive(input, workspace, Path.Combine(scratch, "fuzz.zip"), out bool imported);
                if (imported)
                {
                    workspace.Dispose();
                    workspace = null; // the next input needs an empty workspace
                }
            }

            double elapsedMs = (clock.ElapsedTicks - started) * 1000.0 / Stopwatch.Frequency;
            slowestMs = Math.Max(slowestMs, elapsedMs);
            executions++;
            if (failure is null && elapsedMs > 10_000)
            {
                failure = $"one input took {elapsedMs / 1000:0.#} s";
            }
            else if (failure is null && elapsedMs > 2_000)
            {
                // Not a failure (the machine may be busy), but worth a look: kept beside the crashes.
                Directory.CreateDirectory(crashes);
                File.WriteAllBytes(Path.Combine(crashes, $"slow-{name}-{elapsedMs:0}ms.bin"), input);
            }

            if (failure is not null && seen.Add(failure.Split(':')[0]))
            {
                found++;
                Directory.CreateDirectory(crashes);
                string file = Path.Combine(crashes, $"{name}-{Convert.ToHexString(SHA256.HashData(input))[..12].ToLowerInvariant()}.bin");
                File.WriteAllBytes(file, input);
                Console.Error.WriteLine($"asciml-fuzz: {name}: {failure.ReplaceLineEndings(" ")} (saved {file})");
            }
        }
    }
    finally
    {
        workspace?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(scratch, recursive: true);
    }

    failures += found;
    Console.WriteLine($"{name}: {executions} executions in {clock.Elapsed.TotalSeconds:0} s, {found} distinct failures, slowest input {slowestMs:0} ms, seed {seed}");
}

return failures == 0 ? 0 : 1;

/// <summary>Writes the seed corpus: small WAVs of every supported layout, and a small dataset archive.</summary>
internal static class CorpusMaker
{
    public static void Make(string folder)
    {
        string wavs = Path.Combine(folder, "wav");
        string archives = Path.Combine(folder, "archive");
        Directory.CreateDirectory(wavs);
        Directory.CreateDirectory(archives);
        float[] tone = [.. Enumerable.Range(0, 200).Select(i => (float)(0.5 * Math.Sin(i * 0.3)))];
        File.WriteAllBytes(Path.Combine(wavs, "pcm16.wav"), WavWriter.ToBytes(new MonoAudio(tone, 16_000), WavSampleFormat.Pcm16));
        File.WriteAllBytes(Path.Combine(wavs, "float32.wav"), WavWriter.ToBytes(new MonoAudio(tone, 44_100), WavSampleFormat.Float32));
        foreach ((string name, ushort tag, int bits, int channels, bool extensible) in new[]
        {
            ("pcm8.wav", (ushort)1, 8, 1, false), ("pcm24-stereo.wav", (ushort)1, 24, 2, false), ("pcm32.wav", (ushort)1, 32, 1, false),
            ("float64.wav", (ushort)3, 64, 1, false), ("extensible-24.wav", (ushort)1, 24, 2, true), ("extensible-float.wav", (ushort)3, 32, 6, true),
        })
        {
            File.WriteAllBytes(Path.Combine(wavs, name), Build(tag, bits, channels, extensible, 48_000, 120));
        }

        // A LIST chunk of odd size before the data (the pad byte), at a low rate.
        byte[] withList = Build(1, 16, 1, false, 8_000, 100, oddChunk: true);
        File.WriteAllBytes(Path.Combine(wavs, "odd-chunk.wav"), withList);

        string workspaceFolder = Directory.CreateTempSubdirectory("asciml-corpus-").FullName;
        try
        {
            using (Workspace workspace = Workspace.Open(workspaceFolder))
            {
                Group group = workspace.Groups.Create("clicks", "#336699", "two quiet clicks");
                workspace.Groups.Create("empty");
                foreach (int at in new[] { 10, 400 })
                {
                    float[] clip = new float[ModelInputFormat.LengthSamples];
                    clip[at] = 0.5f;
                    workspace.Sounds.Add(new NewSound(group.Id, $"click {at}", SoundSource.Synthesized, new MonoAudio(clip, ModelInputFormat.SampleRateHz)));
                }

                DatasetArchive.Export(workspace, Path.Combine(archives, "dataset.zip"));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        finally
        {
            Directory.Delete(workspaceFolder, recursive: true);
        }
    }

    private static byte[] Build(ushort tag, int bits, int channels, bool extensible, int rate, int frames, bool oddChunk = false)
    {
        int bytesPerSample = bits / 8;
        var data = new byte[frames * channels * bytesPerSample];
        var random = new Random(bits * 31 + channels);
        random.NextBytes(data);
        if (tag == 3)
        {
            for (int i = 0; i < frames * channels; i++)
            {
                double v = 0.5 * Math.Sin(i * 0.2);
                if (bits == 32) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), (float)v);
                else System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), v);
            }
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(extensible ? 40 : 16);
        writer.Write(extensible ? (ushort)0xFFFE : tag);
        writer.Write((ushort)channels);
        writer.Write(rate);
        writer.Write(rate * channels * bytesPerSample);
        writer.Write((ushort)(channels * bytesPerSample));
        writer.Write((ushort)bits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write((ushort)bits);
            writer.Write(channels == 6 ? 0x3F : 0x3);
            writer.Write(tag);
            writer.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }

        if (oddChunk)
        {
            writer.Write("LIST"u8);
            writer.Write(5);
            writer.Write("INFOx"u8);
            writer.Write((byte)0);
        }

        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        byte[] bytes = stream.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
