namespace Asciml.Core.Audio;

/// <summary>An audio file we cannot turn into samples. The message names the file and says what is wrong.</summary>
public class AudioFormatException(string message, ErrorKind kind = ErrorKind.InvalidInput) : AscimlException(message, kind);

/// <summary>The file is not audio of any kind we know (wrong magic, text named .wav, empty file).</summary>
public sealed class UnrecognizedAudioFileException(string message) : AudioFormatException(message);

/// <summary>A WAV file whose header or chunks are cut short or inconsistent.</summary>
public sealed class CorruptAudioFileException(string message) : AudioFormatException(message);

/// <summary>A well-formed file in an encoding we do not decode (bit depth, codec, zero channels or rate).</summary>
public sealed class UnsupportedAudioEncodingException(string message) : AudioFormatException(message);

/// <summary>The file holds no sample frames at all.</summary>
public sealed class EmptyAudioException(string message) : AudioFormatException(message);

/// <summary>The file holds NaN or infinite samples, which would poison features and training.</summary>
public sealed class NonFiniteAudioException(string message) : AudioFormatException(message);

/// <summary>The file is larger than <see cref="AudioFileReader.MaxFileBytes"/>.</summary>
public sealed class AudioFileTooLargeException(string message) : AudioFormatException(message);

/// <summary>A compressed format needs ffmpeg, and none was found.</summary>
public sealed class FfmpegMissingException(string message) : AudioFormatException(message, ErrorKind.Unavailable);

/// <summary>ffmpeg ran but could not decode the file.</summary>
public sealed class FfmpegDecodeException(string message) : AudioFormatException(message);
