using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Cli.Tests;

public sealed class WorkspaceCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-cli-ws-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Workspace => Path.Combine(_folder, "ws");

    private CliResult Run(params string[] arguments) => AscimlProcess.Run(["--workspace", Workspace, .. arguments], workingDirectory: _folder);

    [Fact]
    public void SynthIntoAGroupThenListExportImportAndDoctor()
    {
        Assert.Equal(0, Run("group", "add", "bells", "--colour", "#112233").ExitCode);
        Assert.Equal(0, Run("synth", "--method", "fm", "--preset", "bell", "--count", "4", "--seed", "2", "--group", "bells").ExitCode);
        CliResult list = Run("sound", "list", "--group", "bells");
        Assert.Equal(0, list.ExitCode);
        string[] lines = list.StandardOutput.Trim().Split('\n');
        Assert.StartsWith("id,group,name,source", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.All(lines[1..], l => Assert.Contains(",bells,bell-000", l));

        CliResult features = Run("features", "--group", "bells");
        Assert.StartsWith("file,f0_hz,voiced_fraction,rms,spectral_centroid_hz,zero_crossing_rate", features.StandardOutput);

        string zip = Path.Combine(_folder, "dataset.zip");
        Assert.Equal(0, Run("export", "--out", zip).ExitCode);
        CliResult imported = AscimlProcess.Run(["import", zip, "--workspace", Path.Combine(_folder, "other")], _folder);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("#112233", AscimlProcess.Run(["--workspace", Path.Combine(_folder, "other"), "group", "list"], _folder).StandardOutput);
        Assert.Equal(0, Run("doctor").ExitCode);
    }

    [Fact]
    public void TrainOnAGroupRecordsTheRunAndRegistersTheModelAsTheWebDoes()
    {
        // Before: `train --group` wrote only --out; the web recorded a run and registered the model. Now both use WorkspaceTraining.
        Assert.Equal(0, Run("synth", "--method", "fm", "--preset", "bell", "--count", "4", "--seed", "2", "--group", "bells").ExitCode);
        string model = Path.Combine(_folder, "out", "bells.asciml");
        CliResult train = Run("train", "--group", "bells", "--preset", "lite", "--epochs", "2", "--batch-size", "2", "--threads", "1", "--out", model);
        Assert.True(train.ExitCode == 0, train.StandardError);
        Assert.True(File.Exists(model));
        Assert.Contains("Registered model", train.StandardError);
        using Workspace workspace = Asciml.Core.Storage.Workspace.Open(Workspace);
        TrainingRun run = Assert.Single(workspace.Runs.List());
        Assert.Equal(TrainingStatus.Completed, run.Status);
        Assert.Equal(2, run.Epochs.Count);
        Assert.Equal(run.ModelId, workspace.Models.Current!.Id);
        Assert.Equal("lite", workspace.Models.Current.Preset);
        Assert.Contains("\"groups\":[\"" + workspace.Groups.GetByName("bells").Id + "\"]", run.SettingsJson);
    }

    [Fact]
    public void GroupDeleteNeedsAChoiceAndUnknownGroupsAreBadInput()
    {
        Run("group", "add", "a");
        Assert.Equal(2, Run("group", "delete", "a").ExitCode);
        CliResult unknown = Run("sound", "list", "--group", "nope");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no group named 'nope'", unknown.StandardError);
        Assert.Equal(0, Run("group", "delete", "a", "--trash").ExitCode);
    }

    [Fact]
    public void ImportReportsEachBadFileAndKeepsGoodOnes()
    {
        string good = Path.Combine(_folder, "good.wav");
        WavWriter.Write(good, new MonoAudio(Enumerable.Range(0, 8000).Select(i => (float)Math.Sin(i * 0.1) * 0.3f).ToArray(), 8000));
        string bad = Path.Combine(_folder, "bad.wav");
        File.WriteAllText(bad, "hello");
        CliResult result = Run("import", good, bad, "--group", "mixed");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.wav", result.StandardError);
        Assert.Contains("1 imported, 1 failed", result.StandardOutput);
    }

    /// <summary>SIGKILL at any moment of an import leaves a workspace that doctor calls consistent.</summary>
    [Fact]
    public void KillingAnImportAtAnyMomentLeavesAConsistentWorkspace()
    {
        string wavs = Path.Combine(_folder, "wavs");
        Directory.CreateDirectory(wavs);
        string[] files = Enumerable.Range(0, 150).Select(i =>
        {
            string path = Path.Combine(wavs, $"tone{i:000}.wav");
            WavWriter.Write(path, new MonoAudio(Enumerable.Range(0, 44100).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * (100 + i) * n / 44100))).ToArray(), 44100));
            return path;
        }).ToArray();

        int[] killAfterMs = [150, 400, 700, 1000, 1400, 1900];
        foreach (int delay in killAfterMs)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "asciml.dll"), "--workspace", Workspace, "import", "--group", "loop" }.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Thread.Sleep(delay);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            CliResult doctor = Run("doctor");
            Assert.True(doctor.ExitCode == 0, $"after a kill at {delay} ms: {doctor.StandardOutput} {doctor.StandardError}");
        }

        Assert.Equal(0, Run("doctor", "--repair").ExitCode);
        Assert.DoesNotContain("leftover", Run("doctor").StandardOutput);
    }
}

public sealed class PlotCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-cli-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void DrawsEachOfTheSixViewsAsPng()
    {
        string workspace = Path.Combine(_folder, "ws");
        Assert.Equal(0, AscimlProcess.Run("--workspace", workspace, "synth", "--method", "fm", "--count", "5", "--seed", "1", "--group", "fm").ExitCode);
        Assert.Equal(0, AscimlProcess.Run("--workspace", workspace, "synth", "--method", "subtractive", "--count", "5", "--seed", "1", "--group", "sub").ExitCode);
        foreach (string kind in new[] { "table", "histogram", "f0", "centroid", "envelopegram", "pca" })
        {
            string png = Path.Combine(_folder, kind + ".png");
            CliResult result = AscimlProcess.Run("--workspace", workspace, "plot", kind, "--group", "fm", "--group", "sub", "--out", png);
            Assert.True(result.ExitCode == 0, result.StandardError);
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.True(bytes.Length > 10_000, $"{kind}.png is suspiciously small");
        }

        Assert.Equal(2, AscimlProcess.Run("--workspace", workspace, "plot", "spiral", "--out", Path.Combine(_folder, "x.png")).ExitCode);
    }
}
