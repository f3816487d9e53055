using Asciml.Core.Storage;
using Asciml.Fuzz;

namespace Asciml.Core.Tests.Reliability;

/// <summary>
/// Replays the fuzzing corpus and every input that ever failed (tools/fuzz/regressions), then a short fuzzing run with
/// a fixed seed, through the same targets as tools/fuzz.sh: each input must decode or be refused with our one-line
/// error, and a refused archive must leave the workspace empty.
/// </summary>
public sealed class FuzzRegressionTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("asciml-fuzz-tests-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string FuzzFolder
    {
        get
        {
            for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Asciml.slnx")))
                {
                    return Path.Combine(folder.FullName, "tools", "fuzz");
                }
            }

            throw new DirectoryNotFoundException("the repository (Asciml.slnx) was not found above the test assembly");
        }
    }

    private static IEnumerable<string> Inputs(string target) =>
        Directory.GetFiles(Path.Combine(FuzzFolder, "corpus", target))
            .Concat(Directory.GetFiles(Path.Combine(FuzzFolder, "regressions"), $"{target}-*"))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void EveryCorpusAndRegressionInputIsHandled()
    {
        Assert.True(Inputs("wav").Count() >= 10);
        Assert.True(Inputs("archive").Count() >= 5);
        foreach (string wav in Inputs("wav"))
        {
            Assert.True(FuzzTargets.Wav(File.ReadAllBytes(wav)) is null, $"{wav}: {FuzzTargets.Wav(File.ReadAllBytes(wav))}");
        }

        foreach (string zip in Inputs("archive"))
        {
            string? failure = FuzzTargets.Archive(File.ReadAllBytes(zip), _scratch);
            Assert.True(failure is null, $"{zip}: {failure}");
        }
    }

    [Fact]
    public void RegressionInputsOfTheIssueAreRefusedNotDecoded()
    {
        foreach (string name in new[] { "wav-1hz-16kb.wav", "wav-999983hz.wav", "wav-float64-1e300.wav", "wav-float32-3e38.wav" })
        {
            byte[] input = File.ReadAllBytes(Path.Combine(FuzzFolder, "regressions", name));
            Assert.ThrowsAny<AscimlException>(() => Asciml.Core.Audio.AudioFileReader.Read(input, name));
        }
    }

    [Fact]
    public void ShortFixedSeedFuzzingOfTheWavReaderFindsNothing()
    {
        List<byte[]> corpus = [.. Inputs("wav").Select(File.ReadAllBytes)];
        var mutator = new Mutator(seed: 11);
        for (int i = 0; i < 3000; i++)
        {
            byte[] input = mutator.Mutate(corpus[i % corpus.Count], corpus);
            string? failure = FuzzTargets.Wav(input);
            Assert.True(failure is null, $"mutation {i}: {failure}");
        }
    }

    [Fact]
    public void ShortFixedSeedFuzzingOfTheArchiveReaderFindsNothing()
    {
        List<byte[]> corpus = [.. Inputs("archive").Select(File.ReadAllBytes)];
        var mutator = new Mutator(seed: 11);
        Workspace? workspace = null;
        try
        {
            for (int i = 0; i < 200; i++)
            {
                workspace ??= Workspace.Open(Path.Combine(_scratch, $"ws{i}"));
                byte[] input = mutator.Mutate(corpus[i % corpus.Count], corpus);
                string? failure = FuzzTargets.Archive(input, workspace, Path.Combine(_scratch, "fuzz.zip"), out bool imported);
                Assert.True(failure is null, $"mutation {i}: {failure}");
                if (imported)
                {
                    workspace.Dispose();
                    workspace = null;
                }
            }
        }
        finally
        {
            workspace?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
