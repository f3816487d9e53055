using System.IO.Compression;
using System.Text.RegularExpressions;
using Asciml.Core.Audio;
using Asciml.Model.Timbre;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Tests;

/// <summary>`asciml render` and `asciml export-instrument` end to end, with a tiny timbre model trained on steady tones.</summary>
public sealed partial class PlayCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-play-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static MonoAudio Sine(double hz, double amplitude) =>
        new(Enumerable.Range(0, 16000).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 16000))).ToArray(), 16000);

    private string[] ToneFiles()
    {
        (double Hz, double Amplitude)[] tones = [(220, 0.5), (330, 0.4), (262, 0.45)];
        return tones.Select(tone =>
        {
            string path = Path.Combine(_folder, $"tone{tone.Hz}.wav");
            WavWriter.Write(path, Sine(tone.Hz, tone.Amplitude));
            return path;
        }).ToArray();
    }

    private string TinyTimbreModel()
    {
        MonoAudio[] sounds = [Sine(220, 0.5), Sine(330, 0.4)];
        TrainingResult trained = VaeTrainer.Train(TrainingStart.FromScratch(new TimbreArchitecture("tiny-timbre", 4, 16, 2, 16, 17, 16)),
            TrainingData.FromAudio(sounds, "two steady tones"),
            new TrainingSettings { Epochs = 30, BatchSize = 2, LearningRate = 1e-2, Threads = 1, Seed = 2 },
            cancellation: TestContext.Current.CancellationToken);
        string path = Path.Combine(_folder, "tiny-timbre" + ModelFile.Extension);
        ModelFile.Save(path, trained.Network, trained.Metadata);
        trained.Network.Dispose();
        return path;
    }

    private static double MaxJump(float[] samples)
    {
        double jump = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            jump = Math.Max(jump, Math.Abs(samples[i] - samples[i - 1]));
        }

        return jump;
    }

    [Fact]
    public void RenderWritesATenSecondPathWithoutClicksIntoANewFolder()
    {
        string model = TinyTimbreModel();
        string[] tones = ToneFiles();
        string output = Path.Combine(_folder, "new", "folder", "long.wav");
        CliResult result = AscimlProcess.Run(["render", "--model", model, "--through", .. tones, "--seconds", "10", "--out", output], null);
        Assert.True(result.ExitCode == 0, result.StandardError);
        MonoAudio path = AudioFileReader.Read(output).Audio;
        Assert.Equal(16000, path.SampleRateHz);
        Assert.Equal(160_000, path.Samples.Length);
        double sourceJump = tones.Max(tone => MaxJump(AudioFileReader.Read(tone).Audio.Samples));
        double quantisation = 2.0 / 32767;
        Assert.True(MaxJump(path.Samples) <= (sourceJump * 1.05) + quantisation, $"path jump {MaxJump(path.Samples)} vs sources {sourceJump}");
        Assert.True(path.Samples.Max(Math.Abs) > 0.01, "the path is not silent");
    }

    [Fact]
    public void RenderRefusesBadInputWithOneLineNamingIt()
    {
        string[] tones = ToneFiles();
        string missing = Path.Combine(_folder, "missing.wav");
        CliResult noFile = AscimlProcess.Run(["render", "--model", "pretrained", "--through", tones[0], missing, "--seconds", "4",
            "--out", Path.Combine(_folder, "x.wav")], null);
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("missing.wav", noFile.StandardError);
        Assert.Single(noFile.StandardError.Trim().Split('\n'));

        CliResult tooLong = AscimlProcess.Run(["render", "--model", "pretrained", "--through", .. tones, "--seconds", "31",
            "--out", Path.Combine(_folder, "x.wav")], null);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("--seconds", tooLong.StandardError);

        CliResult one = AscimlProcess.Run(["render", "--model", "pretrained", "--through", tones[0], "--seconds", "4",
            "--out", Path.Combine(_folder, "x.wav")], null);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("at least two", one.StandardError);

        string broken = Path.Combine(_folder, "broken.wav");
        File.WriteAllBytes(broken, "RIFF\u0004\0\0\0WAVEjunk"u8.ToArray());
        CliResult bad = AscimlProcess.Run(["render", "--model", "pretrained", "--through", tones[0], broken, "--seconds", "4",
            "--out", Path.Combine(_folder, "x.wav")], null);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("broken.wav", bad.StandardError);
        Assert.Single(bad.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_folder, "x.wav")));
    }

    [GeneratedRegex(@"(\w+)=(\S+)")]
    private static partial Regex Opcode();

    [Fact]
    public void ExportInstrumentWritesACompleteInTunePackAt44100()
    {
        string model = TinyTimbreModel();
        string[] tones = ToneFiles();
        string pack = Path.Combine(_folder, "packs", "morph.zip");
        CliResult result = AscimlProcess.Run(["export-instrument", "--model", model, "--from", tones[0], "--to", tones[1], "--amount", "0.25",
            "--rate", "44100", "--out", pack], null);
        Assert.True(result.ExitCode == 0, result.StandardError);

        using ZipArchive zip = ZipFile.OpenRead(pack);
        string sfz = new StreamReader(zip.GetEntry("instrument.sfz")!.Open()).ReadToEnd();
        string readme = new StreamReader(zip.GetEntry("README.txt")!.Open()).ReadToEnd();
        Assert.Contains("tiny-timbre", readme);
        Assert.Contains("amount 0.25", readme);
        Assert.Contains("ampeg_release=", sfz);
        string[] regions = sfz.Split('\n').Where(line => line.StartsWith("<region>", StringComparison.Ordinal)).ToArray();
        Assert.Equal(34, regions.Length);
        var outOfTune = new List<string>();
        foreach (string region in regions)
        {
            Dictionary<string, string> opcodes = Opcode().Matches(region).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            ZipArchiveEntry? entry = zip.GetEntry(opcodes["sample"]);
            Assert.True(entry is not null, $"{opcodes["sample"]} is missing");
            using var content = new MemoryStream();
            using (Stream stream = entry!.Open())
            {
                stream.CopyTo(content);
            }

            MonoAudio sample = WavReader.Read(content.ToArray(), opcodes["sample"]).Audio;
            Assert.Equal(44_100, sample.SampleRateHz);
            double? f0 = Asciml.Core.Features.ControlCurves.Extract(Resampler.Resample(sample, 16000)).MedianF0Hz();
            double expected = 440 * Math.Pow(2, (int.Parse(opcodes["pitch_keycenter"]) - 69) / 12.0);
            if (f0 is null || Math.Abs(1200 * Math.Log2(f0.Value / expected)) > 10)
            {
                outOfTune.Add($"{opcodes["sample"]}: {f0} Hz vs {expected:0.##} Hz");
            }
        }

        Assert.True(outOfTune.Count == 0, string.Join("; ", outOfTune));
    }

    [Fact]
    public void ExportInstrumentRefusesAnUnknownSoundAndABadRate()
    {
        string[] tones = ToneFiles();
        CliResult unknown = AscimlProcess.Run(["export-instrument", "--model", "pretrained", "--from", tones[0], "--to", "no-such-sound",
            "--out", Path.Combine(_folder, "p.zip"), "--workspace", Path.Combine(_folder, "ws")], null);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no-such-sound", unknown.StandardError);
        Assert.Single(unknown.StandardError.Trim().Split('\n'));

        CliResult rate = AscimlProcess.Run(["export-instrument", "--model", "pretrained", "--from", tones[0], "--to", tones[1],
            "--rate", "22050", "--out", Path.Combine(_folder, "p.zip")], null);
        Assert.Equal(2, rate.ExitCode);
        Assert.False(File.Exists(Path.Combine(_folder, "p.zip")));
    }

    [Fact]
    public void ServeRefusesABadOscPortOrAddressBeforeStarting()
    {
        CliResult port = AscimlProcess.Run(["serve", "--osc-port", "0", "--workspace", Path.Combine(_folder, "ws")], null);
        Assert.Equal(2, port.ExitCode);
        Assert.Contains("--osc-port", port.StandardError);

        CliResult address = AscimlProcess.Run(["serve", "--osc-port", "9000", "--osc-address", "not-an-address", "--workspace", Path.Combine(_folder, "ws")], null);
        Assert.Equal(2, address.ExitCode);
        Assert.Contains("--osc-address", address.StandardError);
    }

    [Fact]
    public void RenderAndExportTakeWorkspaceSoundIdsWithTheShippedModel()
    {
        string[] tones = ToneFiles();
        string workspace = Path.Combine(_folder, "ws");
        CliResult imported = AscimlProcess.Run(["--workspace", workspace, "import", .. tones, "--group", "tones"], null);
        Assert.True(imported.ExitCode == 0, imported.StandardError);
        string[] ids = AscimlProcess.Run(["--workspace", workspace, "sound", "list", "--format", "csv"], null).StandardOutput
            .Trim().Split('\n')[1..].Select(line => line.Split(',')[0]).ToArray();
        Assert.Equal(3, ids.Length);

        string output = Path.Combine(_folder, "ids.wav");
        CliResult render = AscimlProcess.Run(["render", "--model", "pretrained", "--through", ids[0], ids[1], tones[2], "--seconds", "2.5",
            "--out", output, "--workspace", workspace], null);
        Assert.True(render.ExitCode == 0, render.StandardError);
        Assert.Equal(40_000, AudioFileReader.Read(output).Audio.Samples.Length);

        string pack = Path.Combine(_folder, "ids.zip");
        CliResult export = AscimlProcess.Run(["export-instrument", "--model", "pretrained", "--from", ids[0], "--to", ids[1],
            "--out", pack, "--workspace", workspace], null);
        Assert.True(export.ExitCode == 0, export.StandardError);
        using ZipArchive zip = ZipFile.OpenRead(pack);
        string readme = new StreamReader(zip.GetEntry("README.txt")!.Open()).ReadToEnd();
        Assert.Contains($"A = {ids[0]}, B = {ids[1]}, amount 0 ", readme);
        // Whichever family the shipped model is, the README names the transposition that family gets.
        Assert.Contains(readme.Contains("pitch control yes", StringComparison.Ordinal) ? "the model's pitch control" : "Transposition: resampling", readme);
        Assert.Equal(34, zip.Entries.Count(entry => entry.FullName.StartsWith("samples/", StringComparison.Ordinal)));
    }
}
