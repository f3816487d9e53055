using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Asciml.Core.Audio;
using Asciml.Model.Timbre;

namespace Asciml.Model.Vae;

/// <summary>A model read from disk: the network (in evaluation mode), its metadata and, in checkpoints, Adam's state.</summary>
public sealed record LoadedModel(SoundVae Network, ModelMetadata Metadata, byte[]? OptimizerState);

/// <summary>
/// The `.asciml` model file: magic "ASCIMLVAE\n", format version (int32), JSON metadata (int32 length + UTF-8),
/// TorchSharp weights (int64 length + bytes), optimizer state (int64 length + bytes; length 0 when absent).
/// Checkpoints are the same file with the optimizer state, so any checkpoint is also a usable model.
/// Files are written to a temporary file and renamed, so a reader never sees half a file.
/// </summary>
public static class ModelFile
{
    public const string Extension = ".asciml";
    private static readonly byte[] Magic = "ASCIMLVAE\n"u8.ToArray();

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
        string? folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = Path.Combine(folder ?? ".", $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: false))
            {
                writer.Write(Magic);
                writer.Write(metadata.FormatVersion);
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(metadata, JsonOptions);
                writer.Write(json.Length);
                writer.Write(json);
                WriteBlock(writer, weightWriter => network.save(weightWriter));
                WriteBlock(writer, writeOptimizerState ?? (_ => { }));

                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads only the JSON header (fast; for listings and checks).</summary>
    public static ModelMetadata ReadMetadata(string path)
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader(reader, path);
    }

    /// <summary>Loads a model; with <paramref name="expectedPreset"/>, a different preset is an error.</summary>
    public static LoadedModel Load(string path, string? expectedPreset = null)
    {
        using FileStream stream = Open(path);
        using var reader = new BinaryReader(stream);
        ModelMetadata metadata = ReadHeader(reader, path);
        if (expectedPreset is not null && !string.Equals(expectedPreset, metadata.Preset, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelPresetMismatchException(
                $"model '{path}' uses preset '{metadata.Preset}', not '{expectedPreset}': choose --preset {metadata.Preset} or another model");
        }

        try
        {
            byte[] weights = ReadBlock(reader, path, "weights");
            byte[] optimizer = ReadBlock(reader, path, "optimizer state");
            SoundVae network = Build(metadata);
            using (var weightStream = new MemoryStream(weights))
            using (var weightReader = new BinaryReader(weightStream))
            {
                network.load(weightReader, strict: true);
            }

            network.eval();
            return new LoadedModel(network, metadata, optimizer.Length == 0 ? null : optimizer);
        }
        catch (Exception error) when (error is not ModelFileException and not Core.AscimlException)
        {
            throw new ModelFileException($"model file '{path}' is damaged ({OneLine(error.Message)}): retrain or copy it again", error);
        }
    }

    /// <summary>The untrained network a header describes (its shape was validated when the header was read).</summary>
    private static SoundVae Build(ModelMetadata metadata) => metadata.Shape!.Build();

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
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ModelFileException($"cannot open model file '{path}': {OneLine(error.Message)}", error);
        }
    }

    private static ModelMetadata ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            byte[] magic = reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new ModelFileException($"'{path}' is not an Asciml model file (made by `asciml train` or `asciml pretrain`)");
            }

            int version = reader.ReadInt32();
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

            return metadata;
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException or IOException)
        {
            throw new ModelFileException($"model file '{path}' is damaged ({OneLine(error.Message)}): retrain or copy it again", error);
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

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
