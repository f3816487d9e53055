using Asciml.Core;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>
/// The pretrained models shipped in the repository's models/ folder: the default `timbre` model (what
/// "pretrained" means in the web and the CLI) and the paper-style `lite` model (`pretrained-lite`). The build
/// copies them next to the assemblies (models/…), so they are found from a published app, `dotnet run`, and
/// test output folders alike; a source checkout's models/ folder above the app or the working directory is
/// also searched.
/// </summary>
public static class PretrainedModel
{
    public const string FileName = "asciml-timbre-pretrained" + ModelFile.Extension;
    public const string LiteFileName = "asciml-lite-pretrained" + ModelFile.Extension;
    public const string Name = "pretrained";
    public const string LiteName = "pretrained-lite";

    /// <summary>Candidate paths of <paramref name="fileName"/>, most specific first.</summary>
    public static IEnumerable<string> Candidates(string fileName = FileName)
    {
        yield return Path.Combine(AppContext.BaseDirectory, "models", fileName);
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                yield return Path.Combine(folder.FullName, "models", fileName);
            }
        }
    }

    /// <summary>The shipped model's path, or a clear error when it is missing.</summary>
    public static string Locate(string fileName = FileName) =>
        Candidates(fileName).FirstOrDefault(File.Exists)
        ?? throw new AscimlException($"the pretrained model ({fileName}) was not found next to Asciml or in a models/ folder: reinstall, or train from scratch", ErrorKind.Unavailable);

    /// <summary>`pretrained` means the shipped timbre model, `pretrained-lite` the paper-style one; anything else is a model file path.</summary>
    public static string Resolve(string from) => from.Trim().ToLowerInvariant() switch
    {
        Name => Locate(),
        LiteName => Locate(LiteFileName),
        _ => from,
    };
}
