// The parts of one timbre training step (batch 16: every 4th clip of FOLDER), 8 steps, medians of the last 6.
// Usage: dotnet run -c Release --project tools/timbre-step-parts -- THREADS [MODEL] [FOLDER]
// (docs/BENCHMARKS.md, "OpenMP spinning": run with GOMP_SPINCOUNT=N or OMP_WAIT_POLICY=PASSIVE to compare).
// It calls libtorch before any type of Asciml.Model loads, so OpenMpSpinning does not apply: libgomp keeps its default
// (300 000 spins) unless GOMP_SPINCOUNT is set in the environment.
using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using static TorchSharp.torch;
set_num_threads(int.Parse(args[0]));
var net = (TimbreVae)ModelFile.Load(args.Length > 1 ? args[1] : "models/asciml-timbre-pretrained.asciml").Network; net.train();
var files = Directory.GetFiles(args.Length > 2 ? args[2] : "/tmp/asciml-quality-set", "*.wav").OrderBy(f => f).Where((f, i) => i % 4 == 0).Take(16).ToArray();
var sounds = files.Select(f => ModelInput.Load(f)).ToArray();
var target = stack(sounds.Select(s => tensor(s.Samples)).ToArray());
var controls = net.Controls(sounds, CPU)!;
var opt = optim.Adam(net.parameters(), 3e-4);
var times = new Dictionary<string, List<double>>(); var order = new List<string>();
var clock = new Stopwatch(); var cpu0 = TimeSpan.Zero;
void Mark(string name) { var e = clock.Elapsed.TotalMilliseconds; if (!times.ContainsKey(name)) { times[name] = new(); order.Add(name); } times[name].Add(e); clock.Restart(); }
for (int rep = 0; rep < 8; rep++)
{
    using var scope = NewDisposeScope();
    var all = Stopwatch.StartNew(); var proc = Process.GetCurrentProcess().TotalProcessorTime;
    clock.Restart();
    opt.zero_grad();
    var (mean, logVar) = net.Encode(target); Mark("encoder fwd");
    var latent = mean + randn_like(mean) * (logVar * 0.5).exp();
    var p = net.DecoderParameters(latent, controls); Mark("decoder net fwd");
    var harm = HarmonicNoiseSynth.Harmonics(p.F0Hz, p.Amplitude * p.Distribution, 16000, 16000); Mark("harmonics fwd");
    var noise = HarmonicNoiseSynth.FilteredNoise(p.NoiseMagnitudes, 16000, null); Mark("noise fwd");
    var audio = harm + noise;
    var spectral = SpectralLoss.Compute(audio, target); Mark("spectral loss fwd");
    var kl = (-0.5 * (1 + logVar - mean.pow(2) - logVar.exp()).sum(1)).mean();
    var total = spectral + 1e-4 * kl; total.item<float>(); Mark("kl+item");
    total.backward(); Mark("backward (all)");
    opt.step(); Mark("adam step");
    times.TryAdd("TOTAL wall", new()); times["TOTAL wall"].Add(all.Elapsed.TotalMilliseconds);
    times.TryAdd("TOTAL cpu", new()); times["TOTAL cpu"].Add((Process.GetCurrentProcess().TotalProcessorTime - proc).TotalMilliseconds);
}
order.Add("TOTAL wall"); order.Add("TOTAL cpu");
foreach (var k in order) { var l = times[k].Skip(2).OrderBy(v => v).ToList(); Console.WriteLine($"{k,-20} median {l[l.Count / 2],8:F1} ms  min {l[0],8:F1}"); }
// loss with cached target magnitudes vs recomputed: time just target STFTs
var tt = new List<double>();
for (int rep = 0; rep < 5; rep++) { var c = Stopwatch.StartNew(); using var s = NewDisposeScope(); using var ng = no_grad(); foreach (int n in SpectralLoss.FftSizes) { var w = hann_window(n); stft(target, n, hop_length: n / 4, window: w, center: true, return_complex: true).abs().clamp_min(1e-5).log(); } tt.Add(c.Elapsed.TotalMilliseconds); }
tt.Sort(); Console.WriteLine($"target magnitudes+log (6 sizes) median {tt[tt.Count / 2]:F1} ms");
