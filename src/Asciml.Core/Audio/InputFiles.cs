using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Asciml.Core.Audio;

/// <summary>
/// Reads files a user names, at bounded cost: only regular files (a FIFO would block forever, /dev/zero never ends),
/// the size checked before reading, and never more than the limit read even when the size lied.
/// </summary>
public static class InputFiles
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001;
    private const uint StatxSize = 0x0200;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;
    private const int DirectoryType = 0x4000;

    [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxNative(int directoryFd, byte[] path, int flags, uint mask, byte[] buffer);

    /// <summary>
    /// Throws a one-line <see cref="AscimlException"/> naming the file unless <paramref name="path"/> (after symbolic
    /// links) is an existing regular file; returns its size in bytes.
    /// </summary>
    public static long RequireRegularFile(string path, string? displayName = null)
    {
        string shown = AudioLimits.DisplayName(displayName ?? path);
        if (Directory.Exists(path))
        {
            throw new AscimlException($"{shown}: is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new AscimlException($"{shown}: no such file");
        }

        if (FileType(path) is { } type && type != RegularFileType)
        {
            string kind = type switch
            {
                0x1000 => "a named pipe (FIFO)",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                DirectoryType => "a folder",
                _ => "not a regular file",
            };
            throw new AscimlException($"{shown}: is {kind}, not a regular file; only ordinary files are read");
        }

        return new FileInfo(path).Length;
    }

    /// <summary>
    /// The whole content of a regular file of at most <paramref name="maxBytes"/>; larger files are refused before
    /// reading (and, should the file grow meanwhile, after reading one byte more than the limit).
    /// </summary>
    public static byte[] ReadBounded(string path, long maxBytes, string? displayName = null, Func<long, Exception>? tooLarge = null)
    {
        string shown = AudioLimits.DisplayName(displayName ?? path);
        tooLarge ??= bytes => new AscimlException($"{shown}: {bytes / (1024.0 * 1024.0):0.#} MB is over the {maxBytes / (1024 * 1024)} MB limit");
        long length = RequireRegularFile(path, displayName);
        if (length > maxBytes)
        {
            throw tooLarge(length);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            // One array of the size stat reported (no growing buffer, no copy); a file that changed meanwhile is re-read
            // only up to the limit.
            byte[] content = new byte[length];
            int filled = 0;
            int count;
            while (filled < content.Length && (count = stream.Read(content, filled, content.Length - filled)) > 0)
            {
                filled += count;
            }

            if (filled < content.Length)
            {
                return content[..filled]; // shrank while we read
            }

            Span<byte> probe = stackalloc byte[1];
            if (stream.Read(probe) == 0)
            {
                return content;
            }

            // It grew (or stat could not tell its size): read on, bounded by the limit.
            using var rest = new MemoryStream();
            rest.Write(content);
            rest.Write(probe);
            byte[] chunk = new byte[81920];
            while ((count = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (rest.Length + count > maxBytes)
                {
                    throw tooLarge(rest.Length + count);
                }

                rest.Write(chunk, 0, count);
            }

            return rest.Length > maxBytes ? throw tooLarge(rest.Length) : rest.ToArray();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AscimlException($"{shown}: cannot be read ({OneLine(error.Message)})", error);
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The S_IFMT bits of the file's type (following links), or null where the platform cannot tell us.</summary>
    private static int? FileType(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            byte[] name = Encoding.UTF8.GetBytes(path + "\0");
            byte[] buffer = new byte[256]; // struct statx is 256 bytes on every architecture
            if (StatxNative(AtFdCwd, name, 0, StatxType | StatxSize, buffer) != 0)
            {
                return null;
            }

            return BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)) & FileTypeMask; // stx_mode at offset 28
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // not glibc: the bounded read still keeps devices from costing more than the size limit
        }
    }
}
