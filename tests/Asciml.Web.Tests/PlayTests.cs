using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Asciml.Core.Osc;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Timbre;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Asciml.Web.Tests;

/// <summary>
/// The play page in Debian's Chromium against the real app (`--osc-port`), with three synthesized tones and a tiny
/// untrained timbre model: MIDI note-on/off and CC1 injected through the page's own handler, 8-voice stealing, the
/// computer keyboard, the XY pad, and OSC datagrams from a test client moving the play and creation pages. Key and
/// morph latencies are written to the test output and $TMPDIR/asciml-web-timings.txt (docs/BENCHMARKS.md). With
/// ASCIML_PLAY_BENCH_MODEL=path/to/model.asciml the same test runs on that model (the latency benchmark).
/// </summary>
public sealed class PlayTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string TimingsFile = Path.Combine(Path.GetTempPath(), "asciml-web-timings.txt");

    private static void Record(string line)
    {
        File.AppendAllText(TimingsFile, $"{DateTimeOffset.UtcNow:O} {line}{Environment.NewLine}");
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    private static void Prepare(string folder)
    {
        using Workspace workspace = Workspace.Open(folder);
        Group group = workspace.Groups.Create("tones");
        foreach ((string name, double f0) in new[] { ("low", 220.0), ("middle", 262.0), ("high", 330.0) })
        {
            workspace.Sounds.Add(new NewSound(group.Id, name, SoundSource.Synthesized,
                Asciml.Core.Audio.ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = f0 }))));
        }

        string path = Path.Combine(folder, "play-model" + ModelFile.Extension);
        if (Environment.GetEnvironmentVariable("ASCIML_PLAY_BENCH_MODEL") is { Length: > 0 } benchModel)
        {
            File.Copy(benchModel, path);
        }
        else
        {
            TorchSharp.torch.manual_seed(3);
            using SoundVae network = new TimbreArchitecture("tiny-timbre", 4, 16, 2, 16, 17, 16).Build();
            ModelFile.Save(path, network, ModelFile.Describe(network, new TrainingProvenance()));
        }

        workspace.Models.Register("play", "tiny", path, "{}", "{}");
    }

    private static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    private static async Task SendOscAsync(int port, OscMessage message)
    {
        using var client = new UdpClient();
        byte[] bytes = OscCodec.Encode(message);
        await client.SendAsync(bytes, bytes.Length, new IPEndPoint(IPAddress.Loopback, port));
    }

    private static Task MidiAsync(IPage page, int status, int data1, int data2) =>
        page.EvaluateAsync($"ascimlPlay.handleMidi([{status}, {data1}, {data2}])");

    private static async Task<int> StatusAsync(IPage page, string name) =>
        int.Parse(await page.Locator("#play-status").GetAttributeAsync($"data-{name}") ?? "0", CultureInfo.InvariantCulture);

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    [Fact]
    public async Task MidiKeysModWheelPadAndOscPlayTheMorph()
    {
        Assert.True(File.Exists(Chromium), "Chromium is missing: ./test.sh installs it (apt-get install chromium)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        int oscPort = FreeUdpPort();
        await using WebAppProcess app = await WebAppProcess.StartAsync(Prepare, ["--osc-port", oscPort.ToString(CultureInfo.InvariantCulture)]);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--autoplay-policy=no-user-gesture-required"],
        });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        ILocator status = page.Locator("#play-status");

        await page.GotoAsync(app.BaseUrl + "/creation/play");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Stages" }).GetByRole(AriaRole.Link, new() { Name = "Play" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("#play-render-state")).ToContainTextAsync("Ready: 9 notes");
        AxeResult axe = await page.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, "axe-core on the play page: " + string.Join("; ", bad.Select(v => $"{v.Id} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));

        // Note on: one buffer source starts; note off releases the voice.
        await MidiAsync(page, 0x90, 60, 100);
        await Assertions.Expect(status).ToHaveAttributeAsync("data-sources-started", "1");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "1");
        await MidiAsync(page, 0x80, 60, 0);
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "0");

        // Ten notes held: eight voices sound, the oldest two were taken; velocity 0 is a note-off too.
        for (int note = 48; note < 58; note++)
        {
            await MidiAsync(page, 0x90, note, 90);
        }

        await Assertions.Expect(status).ToHaveAttributeAsync("data-sources-started", "11");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "8");
        for (int note = 48; note < 58; note++)
        {
            await MidiAsync(page, 0x90, note, 0);
        }

        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "0");

        // The mod wheel sweeps the amount; the new morph is rendered in the background and swapped in.
        int setsBefore = await StatusAsync(page, "sets-loaded");
        await MidiAsync(page, 0xB0, 1, 127);
        await Assertions.Expect(page.Locator("#play-amount-label")).ToHaveTextAsync("100 %");
        await Assertions.Expect(page.GetByRole(AriaRole.Slider, new() { Name = "Change from A to B (mod wheel)" })).ToHaveAttributeAsync("aria-valuetext", "100 %");
        await page.WaitForFunctionAsync($"Number(document.getElementById('play-status').dataset.setsLoaded) > {setsBefore}");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-keys", "9"); // the exact notes follow the one-clip preview
        await MidiAsync(page, 0xB0, 1, 0);
        await Assertions.Expect(page.Locator("#play-amount-label")).ToHaveTextAsync("0 %");

        // The computer keyboard: A plays C4 while held.
        int started = await StatusAsync(page, "sources-started");
        await page.Locator("main h1").ClickAsync();
        await page.Keyboard.DownAsync("a");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-sources-started", (started + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "1");
        await page.Keyboard.UpAsync("a");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "0");

        // The XY pad: a drag plays a map point.
        ILocator pad = page.Locator("#play-pad");
        await pad.HoverAsync(new() { Position = new() { X = 40, Y = 40 } });
        await page.Mouse.DownAsync();
        await pad.HoverAsync(new() { Position = new() { X = 120, Y = 90 } });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#play-render-state")).ToContainTextAsync("map point");

        // OSC: the amount and a note from a test client over UDP.
        await SendOscAsync(oscPort, new OscMessage("/asciml/amount", 0.25f));
        await Assertions.Expect(page.Locator("#play-amount-label")).ToHaveTextAsync("25 %");
        started = await StatusAsync(page, "sources-started");
        await SendOscAsync(oscPort, new OscMessage("/asciml/note", 64, 100));
        await Assertions.Expect(status).ToHaveAttributeAsync("data-sources-started", (started + 1).ToString(CultureInfo.InvariantCulture));
        await SendOscAsync(oscPort, new OscMessage("/asciml/note", 64, 0));
        await Assertions.Expect(status).ToHaveAttributeAsync("data-active-voices", "0");

        await page.EvaluateAsync("window.scrollTo(0, 0)");
        if (Environment.GetEnvironmentVariable("ASCIML_PLAY_BENCH_MODEL") is null)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root(), "docs", "screenshots", "play.png"), FullPage = true });
        }

        await MeasureAsync(page);

        // The creation page follows OSC too.
        await page.GotoAsync(app.BaseUrl + "/creation");
        await page.Locator("#chart-latent-map .main-svg").First.WaitForAsync();
        await SendOscAsync(oscPort, new OscMessage("/asciml/amount", 0.3f));
        await Assertions.Expect(page.Locator("#amount-label")).ToHaveTextAsync("30 %");
        Assert.DoesNotContain(consoleErrors, e => e.Contains("circuit", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Key → sound start (in the page, handler entry to source.start) and morph change → new set playable (CC1 to set swapped in).</summary>
    private static async Task MeasureAsync(IPage page)
    {
        const int Keys = 30, Morphs = 9;
        for (int i = 0; i < Keys; i++)
        {
            await MidiAsync(page, 0x90, 48 + (i % 24), 100);
            await MidiAsync(page, 0x80, 48 + (i % 24), 0);
        }

        // Each change alone: earlier changes' sets are complete first (a change while one renders would measure the queue).
        const string Settled = "document.getElementById('play-status').dataset.pendingMorphs === '0'";
        await page.WaitForFunctionAsync(Settled);
        await Task.Delay(500);
        for (int i = 0; i < Morphs; i++)
        {
            await MidiAsync(page, 0xB0, 1, 5 + ((i * 37) % 120));
            await page.WaitForFunctionAsync(Settled);
            await Task.Delay(100);
        }

        Figures figures = await page.EvaluateAsync<Figures>("ascimlPlay.figures()");
        double[] keys = [.. figures.KeyLatencies.TakeLast(Keys)];
        double[] morphs = [.. figures.MorphLatencies.TakeLast(Morphs)];
        double[] fullSets = [.. figures.FullSetLatencies.TakeLast(Morphs)];
        double[] fetches = [.. figures.FetchLatencies.TakeLast(Morphs)];
        Assert.Equal(Keys, keys.Length);
        Assert.Equal(Morphs, morphs.Length);
        Assert.Equal(Morphs, fullSets.Length);
        string renderState = await page.Locator("#play-render-state").InnerTextAsync();
        Record($"play: key → source.start median {Median(keys):0.00} ms (max {keys.Max():0.00}, n={keys.Length}); " +
            $"baseLatency {figures.BaseLatencyMs:0.0} ms, outputLatency {figures.OutputLatencyMs:0.0} ms at {figures.SampleRate} Hz; " +
            $"CC1 → new sound playable (one-clip preview) median {Median(morphs):0} ms (min {morphs.Min():0}, max {morphs.Max():0}, n={morphs.Length}); " +
            $"CC1 → full 9-note set median {Median(fullSets):0} ms (min {fullSets.Min():0}, max {fullSets.Max():0}, n={fullSets.Length}); " +
            $"set fetch + buffers median {Median(fetches):0.0} ms; last: {renderState}; model {Environment.GetEnvironmentVariable("ASCIML_PLAY_BENCH_MODEL") ?? "tiny untrained timbre"}");
    }

    private sealed class Figures
    {
        public double[] KeyLatencies { get; set; } = [];
        public double[] MorphLatencies { get; set; } = [];
        public double[] FullSetLatencies { get; set; } = [];
        public double[] FetchLatencies { get; set; } = [];
        public double? BaseLatencyMs { get; set; }
        public double? OutputLatencyMs { get; set; }
        public double? SampleRate { get; set; }
    }
}
