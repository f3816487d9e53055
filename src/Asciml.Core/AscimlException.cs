namespace Asciml.Core;

/// <summary>
/// A problem with what the user gave us (a file, a name, a setting), as opposed to a bug.
/// Shells show <see cref="Exception.Message"/> as one line and keep running; the CLI exits with code 1.
/// </summary>
public class AscimlException : Exception
{
    public AscimlException(string message) : base(message) { }
    public AscimlException(string message, Exception innerException) : base(message, innerException) { }
}
