namespace Asciml.Core;

/// <summary>What kind of problem the user met; each shell maps it once (<see cref="ErrorKinds"/>).</summary>
public enum ErrorKind
{
    /// <summary>A file, name or setting that cannot be used as given.</summary>
    InvalidInput,

    /// <summary>A sound, group, model or generated clip that does not exist (any more).</summary>
    NotFound,

    /// <summary>The request clashes with the current state (a training already running, a name taken).</summary>
    Conflict,

    /// <summary>Something needed is missing on this machine or not ready yet (ffmpeg, a trained model).</summary>
    Unavailable,
}

/// <summary>
/// A problem with what the user gave us (a file, a name, a setting), as opposed to a bug.
/// Shells show <see cref="Exception.Message"/> as one line and keep running; <see cref="Kind"/> picks the CLI exit
/// code, the HTTP status and the UI's wording (<see cref="ErrorKinds"/>).
/// </summary>
public class AscimlException : Exception
{
    public AscimlException(string message, ErrorKind kind = ErrorKind.InvalidInput) : base(message) => Kind = kind;

    public AscimlException(string message, Exception innerException, ErrorKind kind = ErrorKind.InvalidInput) : base(message, innerException) => Kind = kind;

    public ErrorKind Kind { get; }
}

/// <summary>The one mapping of error kinds to the shells' answers: CLI exit codes, HTTP status codes, UI messages.</summary>
public static class ErrorKinds
{
    /// <summary>The kind of any exception a shell catches: our own carry it; I/O and access problems are input problems.</summary>
    public static ErrorKind Of(Exception error) => error switch
    {
        AscimlException known => known.Kind,
        FileNotFoundException or DirectoryNotFoundException => ErrorKind.NotFound,
        _ => ErrorKind.InvalidInput,
    };

    /// <summary>The CLI contract: every kind of bad input exits 1 (usage mistakes exit 2, decided by the CLI's parser).</summary>
    public static int ExitCode(ErrorKind kind) => kind switch
    {
        _ => 1,
    };

    /// <summary>HTTP status for an endpoint's failure (before: 404 for every error of the audio endpoint).</summary>
    public static int HttpStatus(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => 404,
        ErrorKind.Conflict => 409,
        ErrorKind.Unavailable => 503,
        _ => 400,
    };

    /// <summary>The one line a page shows (our own messages already say what to do; anything else names its type).</summary>
    public static string UiMessage(Exception error)
    {
        string message = error.Message.ReplaceLineEndings(" ").Trim();
        return error is AscimlException or IOException or UnauthorizedAccessException
            ? message
            : $"{message} ({error.GetType().Name})";
    }
}
