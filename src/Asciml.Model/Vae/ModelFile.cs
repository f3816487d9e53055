using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Asciml.Core.Audio;
using Asciml.Core.IO;
using Asciml.Model.Timbre;

namespace Asciml.Model.Vae;

/// <summary>A model read from disk: the network (in evaluation mode), its metadata and, in checkpoints, Adam's state.</summary>
public sealed record LoadedModel(SoundVae Network, ModelMetadata Metadata, byte[]? OptimizerState);

/// <summary>
/// The `.asciml` model file: magic "ASCIMLVAE\n", format version (int32), JSON metadata (int32 length + UTF-8),
/// TorchSharp weights (int64 length + bytes), optimizer state (int64 length + bytes; length 0 when absent), and
/// from format version 2 a SHA-256 of everything before it (32 bytes), so a flipped byte anywhere is found.
/// Version 1 files (no checksum) are still read. Checkpoints are the same file with the optimizer state, so any
/// checkpoint is also a usable model. Files are written to a temporary file and renamed, so a reader never sees
/// half a file; temporary files of interrupted writes are removed by the next save to the same folder.
/// Before any allocation the architecture's size is checked; after loading, non-finite weights are refused.
/// </summary>
public static class ModelFile
{
    public const string Extension = ".asciml";
    private static readonly byte[] Magic = "ASCIMLVAE\n"u8.ToArray();
    private const int ChecksumBytes = 32;
    private const int FirstChecksummedVersion = 2;

    /// <summary>The largest network a model file may describe (the paper preset has ~37 M parameters).</summary>
    public const long MaxParameters = 200_000_000;

    /// <summary>Temporary files of interrupted saves older than this are removed by the next save in their folder.</summary>
    public static TimeSpan StaleTemporaryAge { get; } = TimeSpan.FromMinutes(1);

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Metadata describing <paramref name="network"/> with the given provenance.</summary>
    public static ModelMetadata Describe(SoundVae network, TrainingProvenance training) => new()
    {
        Family = network.Shape.Family,
        Preset = network.Shape.Preset,
        LatentSize = network.Shape.LatentSize,
        OutputActivation = (network.Shape as VaeArchitecture)?.OutputActivation ?? OutputActivation.Linear,
        SampleRateHz = ModelInputFormat.SampleRateHz,
        LengthSamples = ModelInputFormat.LengthSamples,
        ParameterCount = network.ParameterCount,
        Architecture = network.Shape as VaeArchitecture,
        Timbre = network.Shape as TimbreArchitecture,
        Training = training,
    };

    /// <summary>
    /// Writes the file atomically. Weights and the optimizer state stream straight into the file (no in-memory
    /// copies: for the paper preset those would be ~0.9 GB at every checkpoint).
    /// </summary>
    public static void Save(string path, SoundVae network, ModelMetadata metadata, Action<BinaryWriter>? writeOptimizerState = null)
    {
        string fullPath = Path.GetFullPath(path);
        RemoveStaleTemporaries(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath));
        metadata = metadata with { FormatVersion = ModelMetadata.CurrentFormatVersion };
        AtomicFile.Write(fullPath, stream =>
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(metadata.FormatVersion);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(metadata, JsonOptions);
                writer.Write(json.Length);
                writer.Write(json);
                WriteBlock(writer, weightWriter => network.save(weightWriter));
                WriteBlock(writer, writeOptimizerState ?? (_ => { }));

                writer.Flush();
                long end = stream.Position;
                stream.Position = 0;
                byte[] checksum = Checksum(stream, end);
                stream.Position = end;
                writer.Write(checksum);
            }
        });
    }

    /// <summary>Reads only the JSON header (fast; for listings and checks).</summary>
    public static ModelMetadata ReadMetadata(string path)
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader(reader, path, out _);
    }

    /// <summary>
    /// Checks a whole file without building the network: header, sizes, and (format 2 and later) the checksum.
    /// Returns null when it is sound, else the one-line reason.
    /// </summary>
    public static string? Verify(string path)
    {
        try
        {
            using FileStream stream = Open(path);
            using var reader = new BinaryReader(stream);
            _ = ReadHeader(reader, path, out int version);
            long contentEnd = SkipBlocks(reader, path);
            CheckChecksum(stream, contentEnd, version, path);
            return null;
        }
        catch (ModelFileException error)
        {
            return error.Message;
        }
    }

    /// <summary>Loads a model; with <paramref name="expectedPreset"/>, a different preset is an error.</summary>
    public static LoadedModel Load(string path, string? expectedPreset = null)
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        ModelMetadata metadata = ReadHeader(reader, path, out int version);
        if (expectedPreset is not null && !string.Equals(expectedPreset, metadata.Preset, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelPresetMismatchException(
                $"model '{path}' uses preset '{metadata.Preset}', not '{expectedPreset}': choose --preset {metadata.Preset} or another model");
        }

        long weightsStart = stream.Position;
        long contentEnd = SkipBlocks(reader, path);
        CheckChecksum(stream, contentEnd, version, path);
        stream.Position = weightsStart;
        try
        {
            byte[] weights = ReadBlock(reader, path, "weights");
            byte[] optimizer = ReadBlock(reader, path, "optimizer state");
            SoundVae network = BuildNetwork(metadata, weights, path);
            return new LoadedModel(network, metadata, optimizer.Length == 0 ? null : optimizer);
        }
        catch (Exception error) when (error is not ModelFileException and not Core.AscimlException)
        {
            throw Damaged(path, error.Message, error);
        }
    }

    /// <summary>
    /// Builds the network the metadata describes and loads its weights (strictly), in evaluation mode; refuses
    /// non-finite weights. The one place that constructs a network from a file.
    /// </summary>
    private static SoundVae BuildNetwork(ModelMetadata metadata, byte[] weights, string path)
    {
        SoundVae network = metadata.Shape!.Build(); // the family's network (waveform or timbre), untrained
        try
        {
            using (var weightStream = new MemoryStream(weights))
            using (var weightReader = new BinaryReader(weightStream))
            {
                network.load(weightReader, strict: true);
            }

            foreach ((string name, TorchSharp.Modules.Parameter parameter) in network.named_parameters())
            {
                using TorchSharp.torch.Tensor finite = parameter.isfinite().all();
                if (!finite.item<bool>())
                {
                    throw new ModelFileException($"model file '{path}' is damaged (weights of {name} are not finite numbers): retrain or copy it again");
                }
            }

            network.eval();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static ModelFileException Damaged(string path, string why, Exception? inner = null) =>
        new($"model file '{path}' is damaged ({Short(why)}): retrain or copy it again", inner);

    /// <summary>The first line of a (libtorch) message, at most 160 characters: no native stack frames in one-line errors.</summary>
    private static string Short(string message)
    {
        string first = message.Split('\n', 2)[0].Trim();
        return first.Length > 160 ? first[..160] + "…" : first;
    }

    private static byte[] Checksum(Stream stream, long length)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        byte[] buffer = new byte[1 << 20];
        long remaining = length;
        while (remaining > 0)
        {
            int count = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (count == 0)
            {
                throw new EndOfStreamException();
            }

            hash.AppendData(buffer, 0, count);
            remaining -= count;
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Skips the weight and optimizer blocks, checking their lengths; returns where the content ends.</summary>
    private static long SkipBlocks(BinaryReader reader, string path)
    {
        try
        {
            foreach (string what in new[] { "weights", "optimizer state" })
            {
                long length = reader.ReadInt64();
                long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
                if (length < 0 || length > remaining)
                {
                    throw new ModelFileException($"model file '{path}' is truncated in its {what}: retrain or copy it again");
                }

                reader.BaseStream.Position += length;
            }

            return reader.BaseStream.Position;
        }
        catch (EndOfStreamException)
        {
            throw new ModelFileException($"model file '{path}' is truncated: retrain or copy it again");
        }
    }

    private static void CheckChecksum(FileStream stream, long contentEnd, int version, string path)
    {
        if (version < FirstChecksummedVersion)
        {
            return; // format 1 had no checksum
        }

        if (stream.Length != contentEnd + ChecksumBytes)
        {
            throw new ModelFileException($"model file '{path}' is {(stream.Length < contentEnd + ChecksumBytes ? "truncated" : "damaged (bytes after its end)")}: retrain or copy it again");
        }

        stream.Position = 0;
        byte[] actual = Checksum(stream, contentEnd);
        byte[] stored = new byte[ChecksumBytes];
        stream.ReadExactly(stored);
        if (!actual.AsSpan().SequenceEqual(stored))
        {
            throw new ModelFileException($"model file '{path}' is damaged (its checksum does not match its content): retrain or copy it again");
        }
    }

    /// <summary>Removes `.NAME.*.tmp` files that interrupted saves of <paramref name="fileName"/> left (old enough not to be in use).</summary>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string folder, string fileName) => AtomicFile.RemoveStale(folder, fileName, StaleTemporaryAge);

    /// <summary>An int64 length, then what <paramref name="write"/> produced (the length is patched in afterwards).</summary>
    private static void WriteBlock(BinaryWriter writer, Action<BinaryWriter> write)
    {
        Stream stream = writer.BaseStream;
        writer.Flush();
        long lengthPosition = stream.Position;
        writer.Write(0L);
        writer.Flush();
        long start = stream.Position;
        write(writer);
        writer.Flush();
        long end = stream.Position;
        stream.Position = lengthPosition;
        writer.Write(end - start);
        writer.Flush();
        stream.Position = end;
    }

    private static FileStream Open(string path)
    {
        try
        {
            Core.Audio.InputFiles.RequireRegularFile(path, $"model file '{path}'"); // a FIFO would block, a device never end
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Core.AscimlException error)
        {
            throw new ModelFileException($"cannot open {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFileException($"cannot open model file '{path}': {Short(error.Message)}", error);
        }
    }

    private static ModelMetadata ReadHeader(BinaryReader reader, string path, out int version)
    {
        try
        {
            byte[] magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new ModelFileException($"'{path}' is not an Asciml model file (made by `asciml train` or `asciml pretrain`)");
            }

            version = reader.ReadInt32();
            if (version > ModelMetadata.CurrentFormatVersion || version < 1)
            {
                throw new ModelFileException(
                    $"model file '{path}' has format version {version}; this Asciml reads version {ModelMetadata.CurrentFormatVersion}: update Asciml or retrain");
            }

            int jsonLength = reader.ReadInt32();
            if (jsonLength <= 0 || jsonLength > 64 * 1024 * 1024)
            {
                throw new ModelFileException($"model file '{path}' is damaged (bad metadata length): retrain or copy it again");
            }

            byte[] json = reader.ReadBytes(jsonLength);
            if (json.Length != jsonLength)
            {
                throw new ModelFileException($"model file '{path}' is truncated: retrain or copy it again");
            }

            ModelMetadata metadata = JsonSerializer.Deserialize<ModelMetadata>(json, JsonOptions)
                ?? throw new ModelFileException($"model file '{path}' has empty metadata: retrain or copy it again");
            if (metadata.Shape is not { } architecture || !architecture.IsConsistent() || architecture.Preset != metadata.Preset
                || architecture.LatentSize != metadata.LatentSize)
            {
                throw new ModelFileException($"model file '{path}' describes no valid network (preset '{metadata.Preset}'): retrain it");
            }

            // Timbre shapes bound every size in IsConsistent; the waveform networks' layouts are free, so estimate them.
            if (architecture is VaeArchitecture waveform && (EstimatedParameters(waveform) is not { } parameters || parameters > MaxParameters))
            {
                throw new ModelFileException($"model file '{path}' is damaged (it describes a network larger than {MaxParameters / 1_000_000} M parameters): retrain or copy it again");
            }

            return metadata;
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException)
        {
            throw Damaged(path, error.Message, error);
        }
    }

    /// <summary>
    /// An upper estimate of the network's parameters from its layout alone (convolutions both ways, dense layers
    /// both ways), or null when it overflows: checked before anything is allocated.
    /// </summary>
    private static long? EstimatedParameters(VaeArchitecture architecture)
    {
        if (architecture.Filters.Count > 32 || architecture.DenseUnits.Count > 32 || architecture.KernelSize > 16_000 || architecture.LatentSize > 4096)
        {
            return null;
        }

        try
        {
            checked
            {
                long total = 0;
                long channels = 1;
                foreach (int filters in architecture.Filters)
                {
                    total += 2 * ((channels * filters * architecture.KernelSize) + filters);
                    channels = filters;
                }

                long width = architecture.FlattenedSize;
                foreach (int units in architecture.DenseUnits.Append(architecture.LatentSize * 2))
                {
                    total += 2 * ((width * units) + units);
                    width = units;
                }

                return total;
            }
        }
        catch (Exception error) when (error is OverflowException or Core.AscimlException)
        {
            return null;
        }
    }

    private static byte[] ReadBlock(BinaryReader reader, string path, string what)
    {
        long length = reader.ReadInt64();
        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length > remaining)
        {
            throw new ModelFileException($"model file '{path}' is truncated in its {what}: retrain or copy it again");
        }

        return reader.ReadBytes((int)length);
    }

}
