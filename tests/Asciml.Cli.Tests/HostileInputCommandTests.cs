using System.Buffers.Binary;
using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Cli.Tests;

/// <summary>Issue 11, findings 1, 2, 7 and 8 through the command line: one line per bad file, batches survive, --out folders made.</summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-cli-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WorkspaceFolder => Path.Combine(_folder, "ws");

    private CliResult Run(params string[] arguments) => AscimlProcess.Run(["--workspace", WorkspaceFolder, .. arguments], workingDirectory: _folder);

    private string Good(string name)
    {
        string path = Path.Combine(_folder, name);
        WavWriter.Write(path, new MonoAudio(Enumerable.Range(0, 16000).Select(i => (float)(0.3 * Math.Sin(i * 0.05))).ToArray(), 16000));
        return path;
    }

    /// <summary>A 16-bit mono WAV whose header declares <paramref name="rateHz"/>.</summary>
    private string AtRate(string name, int rateHz, int bytes)
    {
        byte[] wav = WavWriter.ToBytes(new MonoAudio(Enumerable.Range(0, bytes / 2).Select(i => (float)(0.3 * Math.Sin(i * 0.05))).ToArray(), 16000), WavSampleFormat.Pcm16);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), rateHz); // fmt: sample rate
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), rateHz * 2); // byte rate
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, wav);
        return path;
    }

    [Fact]
    public void ConvertRefusesAOneHertzFileInOneLineAndConvertsTheRest()
    {
        // Before: a 16 KB file at 1 Hz cost 49-240 s and 1-8 GB.
        string slow = AtRate("slow.wav", 1, 16_000);
        string good = Good("good.wav");
        CliResult result = Run("convert", slow, good, "--out", Path.Combine(_folder, "new", "folder"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"asciml: {slow}: the WAV header says a sample rate of 1 Hz (supported: 1 kHz to 768 kHz)", result.StandardError.Trim());
        Assert.True(File.Exists(Path.Combine(_folder, "new", "folder", "good.wav")));
    }

    [Fact]
    public void ImportKeepsTheGoodFilesAndNamesEachBadOne()
    {
        // Before: one bad file aborted the batch (0 of 3 imported, orphans left); 140 KB at 1 Hz gave OverflowException naming no file.
        string first = Good("first.wav");
        string slow = AtRate("slow.wav", 1, 140_000);
        string text = Path.Combine(_folder, "text.wav");
        File.WriteAllText(text, "hello");
        string last = Good("last.wav");
        CliResult result = Run("import", first, slow, text, last, "--group", "mixed");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2 imported, 2 failed", result.StandardOutput);
        string[] errors = result.StandardError.Trim().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith($"asciml: {slow}: the WAV header says a sample rate of 1 Hz", errors[0]);
        Assert.StartsWith($"asciml: {text}: ", errors[1]);
        Assert.Equal(0, Run("doctor").ExitCode);
    }

    [Fact]
    public void AnImportWhereEveryFileFailsLeavesNoEmptyGroup()
    {
        string text = Path.Combine(_folder, "text.wav");
        File.WriteAllText(text, "hello");
        CliResult result = Run("import", text, "--group", "fresh");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0 imported, 1 failed", result.StandardOutput);
        Assert.DoesNotContain("fresh", Run("group", "list").StandardOutput);
    }

    [Fact]
    public void OutFoldersThatDoNotExistAreCreated()
    {
        // Before: `train --out` into a missing folder gave DirectoryNotFoundException (and so did features, interpolate).
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        File.Copy(Good("a.wav"), Path.Combine(data, "a.wav"));
        File.Copy(Good("b.wav"), Path.Combine(data, "b.wav"));
        string model = Path.Combine(_folder, "missing", "models", "m.asciml");
        CliResult train = Run("train", "--data", data, "--preset", "lite", "--epochs", "1", "--batch-size", "2", "--threads", "1", "--out", model);
        Assert.Equal(0, train.ExitCode);
        Assert.True(File.Exists(model));

        CliResult features = Run("features", Path.Combine(data, "a.wav"), "--out", Path.Combine(_folder, "missing2", "f.csv"));
        Assert.Equal(0, features.ExitCode);
        CliResult interpolate = Run("interpolate", "--model", model, "--from", Path.Combine(data, "a.wav"), "--to", Path.Combine(data, "b.wav"),
            "--amount", "0.5", "--out", Path.Combine(_folder, "missing3", "i.wav"));
        Assert.Equal(0, interpolate.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "missing3", "i.wav")));
    }

    [Fact]
    public void DoctorChecksRegisteredModelFiles()
    {
        // Before: doctor called a workspace consistent when a registered model file was missing or truncated.
        string pretrained = Path.Combine(AppContext.BaseDirectory, "models", "asciml-lite-pretrained.asciml");
        Assert.True(File.Exists(pretrained), pretrained);
        byte[] bytes = File.ReadAllBytes(pretrained);
        string truncated = Path.Combine(_folder, "truncated.asciml");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        using (Workspace workspace = Workspace.Open(WorkspaceFolder))
        {
            workspace.Models.Register("whole", "lite", pretrained, "{}", "{}");
            workspace.Models.Register("cut", "lite", truncated, "{}", "{}");
        }

        CliResult result = Run("doctor");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("('cut'): model file", result.StandardOutput);
        Assert.Contains("truncated", result.StandardOutput);
        Assert.DoesNotContain("('whole')", result.StandardOutput);
    }
}
