namespace Asciml.Core.Audio;

/// <summary>
/// Opens any audio file a musician may own: WAV natively, compressed formats through ffmpeg.
/// The format is recognised from the content first and the file name second.
/// </summary>
public static class AudioFileReader
{
    /// <summary>Larger files are refused before reading: a minute of 96 kHz 8-channel float is ~180 MB.</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;

    private static readonly Dictionary<string, string> CompressedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = "mp3", [".flac"] = "FLAC", [".ogg"] = "Ogg", [".oga"] = "Ogg", [".opus"] = "Opus",
        [".m4a"] = "M4A/AAC", [".aac"] = "AAC", [".aif"] = "AIFF", [".aiff"] = "AIFF", [".aifc"] = "AIFF",
        [".wma"] = "WMA", [".webm"] = "WebM",
    };

    /// <summary>File extensions accepted by <see cref="Read(string)"/> (WAV plus ffmpeg's formats).</summary>
    public static IReadOnlyCollection<string> SupportedExtensions { get; } = [".wav", .. CompressedExtensions.Keys];

    public static DecodedAudio Read(string path)
    {
        string displayName = AudioLimits.DisplayName(path);
        byte[] content = ReadFileBytes(path);
        return Decode(content, displayName, path);
    }

    /// <summary>
    /// The bytes of an audio file named by the user: a regular file only (no FIFO, device or folder), its size checked
    /// against <see cref="MaxFileBytes"/> before reading. Errors are one line naming the file.
    /// </summary>
    public static byte[] ReadFileBytes(string path)
    {
        string displayName = AudioLimits.DisplayName(path);
        return InputFiles.ReadBounded(path, MaxFileBytes, displayName, bytes => TooLarge(bytes, displayName));
    }

    /// <summary>Reads an uploaded stream (read to its end, at most <see cref="MaxFileBytes"/>); <paramref name="fileName"/> as in <see cref="Read(byte[], string)"/>.</summary>
    public static DecodedAudio Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int count;
        while ((count = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            CheckSize(buffer.Length + count, fileName);
            buffer.Write(chunk, 0, count);
        }

        return Read(buffer.ToArray(), fileName);
    }

    /// <summary>Reads uploaded bytes; <paramref name="fileName"/> is only used for messages and the format hint.</summary>
    public static DecodedAudio Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckSize(content.LongLength, fileName);
        return Decode(content, fileName, pathOnDisk: null);
    }

    /// <summary>The one size check of a sound file (paths, uploads, archive entries): over <see cref="MaxFileBytes"/> throws its one-line reason.</summary>
    public static void CheckSize(long bytes, string displayName)
    {
        if (bytes > MaxFileBytes)
        {
            throw TooLarge(bytes, displayName);
        }
    }

    private static AudioFileTooLargeException TooLarge(long bytes, string displayName) =>
        new($"{AudioLimits.DisplayName(displayName)}: {bytes / (1024.0 * 1024.0):0.#} MB is over the {MaxFileBytes / (1024 * 1024)} MB limit for one sound; trim it first");

    private static DecodedAudio Decode(byte[] content, string displayName, string? pathOnDisk)
    {
        displayName = AudioLimits.DisplayName(displayName);
        if (content.Length == 0)
        {
            throw new UnrecognizedAudioFileException($"{displayName}: the file is empty");
        }

        string extension = Path.GetExtension(displayName);
        if (WavReader.LooksLikeWav(content) || (extension.Equals(".wav", StringComparison.OrdinalIgnoreCase) && !LooksCompressed(content)))
        {
            return WavReader.Read(content, displayName);
        }

        string formatName = CompressedExtensions.GetValueOrDefault(extension) ?? SniffCompressedFormat(content)
            ?? throw new UnrecognizedAudioFileException($"{displayName}: not a recognised audio file (supported: {string.Join(", ", SupportedExtensions)})");
        if (pathOnDisk is not null)
        {
            return FfmpegDecoder.Decode(pathOnDisk, displayName, formatName);
        }

        string temporary = Path.Combine(Path.GetTempPath(), $"asciml-upload-{Guid.NewGuid():N}{extension}");
        try
        {
            File.WriteAllBytes(temporary, content);
            return FfmpegDecoder.Decode(temporary, displayName, formatName);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static bool LooksCompressed(byte[] content) => SniffCompressedFormat(content) is not null;

    private static string? SniffCompressedFormat(byte[] content)
    {
        ReadOnlySpan<byte> head = content.AsSpan(0, Math.Min(content.Length, 12));
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0))
        {
            return "mp3";
        }

        if (head.StartsWith("fLaC"u8))
        {
            return "FLAC";
        }

        if (head.StartsWith("OggS"u8))
        {
            return "Ogg";
        }

        if (head.StartsWith("FORM"u8))
        {
            return "AIFF";
        }

        return head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) ? "M4A/AAC" : null;
    }
}
