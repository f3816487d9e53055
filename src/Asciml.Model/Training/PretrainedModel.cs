using Asciml.Core;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>
/// The pretrained `lite` model shipped in the repository's models/ folder. The build copies it next to the
/// assemblies (models/…), so it is found from a published app, `dotnet run`, and test output folders alike;
/// a source checkout's models/ folder above the app or the working directory is also searched.
/// </summary>
public static class PretrainedModel
{
    public const string FileName = "asciml-lite-pretrained" + ModelFile.Extension;

    /// <summary>Candidate paths, most specific first.</summary>
    public static IEnumerable<string> Candidates()
    {
        yield return Path.Combine(AppContext.BaseDirectory, "models", FileName);
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                yield return Path.Combine(folder.FullName, "models", FileName);
            }
        }
    }

    /// <summary>The shipped model's path, or a clear error when it is missing.</summary>
    public static string Locate() =>
        Candidates().FirstOrDefault(File.Exists)
        ?? throw new AscimlException($"the pretrained model ({FileName}) was not found next to Asciml or in a models/ folder: reinstall, or train from scratch");

    /// <summary>`pretrained` means the shipped model; anything else is a model file path.</summary>
    public static string Resolve(string from) =>
        string.Equals(from.Trim(), "pretrained", StringComparison.OrdinalIgnoreCase) ? Locate() : from;
}
