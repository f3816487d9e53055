using System.Globalization;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Evaluation;
using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using static TorchSharp.torch;

// For a timbre model and a folder of model inputs (`asciml convert … --float`), the median logmag80 per family of:
//   decoded       — the model's reconstruction, as `asciml reconstruct` makes it;
//   other seed    — that reconstruction against the same code decoded with another noise seed: what the model's own
//                   randomness costs even against itself (a floor for this measure and this model);
//   noise ×g      — the reconstruction with the noise branch scaled by g (is the noise level the model chose right?);
//   frame tilt    — every voiced frame's harmonic distribution tilted by k^β to the brightness measured in the
//                   original at that frame (an oracle: would a per-frame brightness control help?).
// Usage: dotnet run -c Release --project tools/quality-floor -- MODEL FOLDER
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: quality-floor MODEL FOLDER");
    return 2;
}

set_num_threads(1);
var network = (TimbreVae)ModelFile.Load(args[0]).Network;
network.eval();
string[] files = Directory.GetFiles(args[1], "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToArray();
string[] rows = ["decoded", "other seed", "noise x0.5", "noise x0.8", "noise x1.25", "frame tilt"];
var scores = new Dictionary<(string Family, string Row), List<double>>();
using var inference = inference_mode();
foreach (string file in files)
{
    MonoAudio sound = ModelInput.Load(file);
    float[] code = network.EncodeCode(sound);
    (float[] latent, ControlCurves curves) = TimbreCode.Unpack(code, network.Architecture.LatentSize);
    using var scope = NewDisposeScope();
    SynthControls controls = network.DecoderParameters(tensor(latent, new long[] { 1, latent.Length }), network.Controls([sound], CPU)!);
    controls = TimbreBrightness.Tilt(controls, [TimbreCode.Brightness(code)]);
    float[] decoded = Render(controls, 20230531);
    var outputs = new Dictionary<string, (float[] Reference, float[] Output)>
    {
        ["decoded"] = (sound.Samples, decoded),
        ["other seed"] = (decoded, Render(controls, 7)),
        ["noise x0.5"] = (sound.Samples, Render(controls with { NoiseMagnitudes = controls.NoiseMagnitudes * 0.5 }, 20230531)),
        ["noise x0.8"] = (sound.Samples, Render(controls with { NoiseMagnitudes = controls.NoiseMagnitudes * 0.8 }, 20230531)),
        ["noise x1.25"] = (sound.Samples, Render(controls with { NoiseMagnitudes = controls.NoiseMagnitudes * 1.25 }, 20230531)),
        ["frame tilt"] = (sound.Samples, Render(FrameTilt(controls, sound, curves), 20230531)),
    };
    string family = Family(Path.GetFileNameWithoutExtension(file));
    foreach ((string row, (float[] reference, float[] output)) in outputs)
    {
        double score = QualityMeasures.LogMagnitudeDistanceDb(reference, output);
        foreach (string group in new[] { family, "overall" })
        {
            (scores.TryGetValue((group, row), out List<double>? list) ? list : scores[(group, row)] = []).Add(score);
        }
    }
}

Console.WriteLine($"{"family",-12}{"clips",6}" + string.Concat(rows.Select(r => $"{r,14}")));
foreach (string family in scores.Keys.Select(k => k.Family).Distinct().OrderBy(f => f == "overall" ? 1 : 0).ThenBy(f => f))
{
    Console.WriteLine($"{family,-12}{scores[(family, "decoded")].Count,6}" + string.Concat(rows.Select(r => $"{Median(scores[(family, r)]).ToString("F2", CultureInfo.InvariantCulture),14}")));
}

return 0;

static float[] Render(SynthControls controls, ulong seed)
{
    using var generator = new Generator(seed);
    using Tensor audio = controls.Synthesize(generator);
    return audio.contiguous().data<float>().ToArray();
}

// Per voiced frame (within 40 dB of the loudest), the brightness of the original: log2 of the amplitude-weighted mean
// harmonic number over the partials at k·F0 (the largest STFT magnitude within a bin of k·F0, 1024 points, partials
// within 60 dB of the frame's strongest); the model's distribution is tilted by k^β to it (TimbreBrightness.Tilt).
static SynthControls FrameTilt(SynthControls controls, MonoAudio sound, ControlCurves curves)
{
    int harmonics = (int)controls.Distribution.shape[1], frames = (int)controls.Distribution.shape[2];
    using Tensor window = hann_window(1024);
    using Tensor spectrum = stft(tensor(sound.Samples), 1024, hop_length: ControlCurves.HopSamples, window: window, center: true, return_complex: true).abs();
    float[] magnitudes = spectrum.contiguous().data<float>().ToArray();
    int bins = (int)spectrum.shape[0], columns = (int)spectrum.shape[1];
    double binHz = ModelInputFormat.SampleRateHz / 1024.0, loudest = curves.LoudnessDb.Max();
    var targets = Enumerable.Repeat(double.NaN, frames).ToArray();
    for (int f = 0; f < frames && f < columns; f++)
    {
        if (curves.Voicing[f] < 0.5 || curves.LoudnessDb[f] < loudest - 40)
        {
            continue;
        }

        var partials = new double[harmonics];
        for (int k = 1; k <= harmonics && k * curves.F0Hz[f] < ModelInputFormat.SampleRateHz / 2.0; k++)
        {
            int bin = (int)Math.Round(k * curves.F0Hz[f] / binHz);
            for (int j = Math.Max(0, bin - 1); j <= Math.Min(bins - 1, bin + 1); j++)
            {
                partials[k - 1] = Math.Max(partials[k - 1], magnitudes[(j * columns) + f]);
            }
        }

        double threshold = partials.Max() * 1e-3, sum = 0, moment = 0;
        for (int k = 1; k <= harmonics; k++)
        {
            if (partials[k - 1] > threshold)
            {
                sum += partials[k - 1];
                moment += k * partials[k - 1];
            }
        }

        if (sum <= 0)
        {
            continue;
        }

        targets[f] = Math.Log2(moment / sum);
    }

    // Each frame as a one-frame sound of a batch: TimbreBrightness.Tilt finds one exponent per frame (frames
    // without a target are left as they are).
    SynthControls byFrame = controls with
    {
        Amplitude = controls.Amplitude.permute(2, 1, 0),
        Distribution = controls.Distribution.permute(2, 1, 0),
    };
    Tensor tilted = TimbreBrightness.Tilt(byFrame, targets).Distribution.permute(2, 1, 0);
    return controls.WithDistribution(tilted);
}

static string Family(string name) =>
    name.StartsWith("spoken", StringComparison.Ordinal) || name.StartsWith("sung", StringComparison.Ordinal) ? "voice"
    : name is "clap" or "claves" or "closed-hat" or "cowbell" or "crash" or "high-tom" or "kick" or "low-tom" or "open-hat" or "snare" ? "percussion"
    : "instrument";

static double Median(List<double> values)
{
    double[] sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
