using System.Buffers.Binary;
using Asciml.Core.Audio;
using Microsoft.Playwright;

namespace Asciml.Web.Tests;

/// <summary>
/// The musician's whole journey in Debian's Chromium against the real app: group → record 3 → synthesize 20 →
/// upload 2 → six charts → train lite for 2 epochs with a growing curve → evaluate → interpolate at 40 % →
/// download the WAV. Screenshots of each page go to docs/screenshots/.
/// </summary>
public sealed class JourneyTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright, string fakeMicrophoneWav) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-audio-capture={fakeMicrophoneWav}", "--autoplay-policy=no-user-gesture-required",
            ],
        });

    private static string Tone(string folder, string name, double frequencyHz, int rateHz)
    {
        string path = Path.Combine(folder, name);
        float[] samples = Enumerable.Range(0, rateHz).Select(i => (float)(0.4 * Math.Sin(2 * Math.PI * frequencyHz * i / rateHz))).ToArray();
        WavWriter.Write(path, new MonoAudio(samples, rateHz));
        return path;
    }

    [Fact]
    public async Task WholeJourneyFromDatasetToDownloadedSound()
    {
        Assert.True(File.Exists(Chromium), "Chromium is missing: ./test.sh installs it (apt-get install chromium)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        string files = Directory.CreateTempSubdirectory("asciml-journey-").FullName;
        string screenshots = Path.Combine(RepositoryPaths.Root(), "docs", "screenshots");
        Directory.CreateDirectory(screenshots);
        await using WebAppProcess app = await WebAppProcess.StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright, Tone(files, "microphone.wav", 330, 48000));
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000); // CI runs other test projects beside this one on 2 cores
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        try
        {
            await WalkAsync(page, app, files, screenshots);
        }
        catch
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(files, "failure.png"), FullPage = true });
            Console.Error.WriteLine($"journey failed; screenshot at {Path.Combine(files, "failure.png")}");
            throw;
        }

        Assert.DoesNotContain(consoleErrors, e => e.Contains("circuit", StringComparison.OrdinalIgnoreCase));
        Directory.Delete(files, recursive: true);
    }

    private static async Task WalkAsync(IPage page, WebAppProcess app, string files, string screenshots)
    {
        // 1. Dataset design: a group, three recordings, twenty synthesized sounds, two uploads.
        await page.GotoAsync(app.BaseUrl + "/dataset");
        await page.GetByLabel("New group name").FillAsync("journey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await page.GetByText("Group created").WaitForAsync();

        for (int take = 1; take <= 3; take++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Record one second" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Keep the take" }).ClickAsync();
            await page.GetByText("Recording kept").First.WaitForAsync();
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Synthesize" }).ClickAsync();
        await page.GetByLabel("Number of variations").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add variations" }).ClickAsync();
        await page.GetByText("Added 20 variations").WaitForAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Upload" }).ClickAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync([Tone(files, "low.wav", 110, 44100), Tone(files, "high.wav", 880, 22050)]);
        await page.GetByText("high.wav: added").WaitForAsync();
        await Assertions.Expect(page.GetByText("journey (25)")).ToBeVisibleAsync();

        foreach ((string tab, string chart) in new[] { ("Histograms", "chart-histogram"), ("F0 dispersion", "chart-f0"), ("Centroid dispersion", "chart-centroid"), ("Envelopegram", "chart-envelopegram"), ("PCA", "chart-pca") })
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab }).ClickAsync();
            await page.Locator($"#{chart} .main-svg").First.WaitForAsync();
        }

        await page.GetByRole(AriaRole.Tab, new() { Name = "Table" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Feature table")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "dataset.png"), FullPage = true });

        // 2. Training: a new lite model for two epochs; the curve grows live.
        await page.GetByRole(AriaRole.Link, new() { Name = "2. Training" }).ClickAsync();
        await page.GetByLabel("New lite model").CheckAsync();
        await page.GetByLabel("Epochs").FillAsync("2");
        await page.GetByLabel("Batch size").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start training" }).ClickAsync();
        await page.Locator("#training-curve[data-epochs='1']").WaitForAsync(new() { Timeout = 180_000 });
        await page.Locator("#training-curve[data-epochs='2']").WaitForAsync(new() { Timeout = 180_000 });
        await page.GetByText("training finished").WaitForAsync(new() { Timeout = 180_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "training.png"), FullPage = true });

        // 3. Evaluation: original and reconstruction, players and descriptor differences.
        await page.GetByRole(AriaRole.Link, new() { Name = "3. Evaluation" }).ClickAsync();
        await page.Locator("#chart-evaluation-waveforms .main-svg").First.WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Descriptor differences")).ToContainTextAsync("Spectral centroid");
        await Assertions.Expect(page.GetByLabel("Play the reconstruction (B)")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "evaluation.png"), FullPage = true });

        // 4. Creation: 40 % from A to B, then download at 44.1 kHz.
        await page.GetByRole(AriaRole.Link, new() { Name = "4. Audio creation" }).ClickAsync();
        await page.Locator("#chart-latent-map .main-svg").First.WaitForAsync();
        await page.GetByLabel("Percentage of change from A to B").FillAsync("40");
        await Assertions.Expect(page.Locator("#amount-label")).ToHaveTextAsync("40 %");
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download WAV at 44100 Hz" }).ClickAsync());
        string saved = Path.Combine(files, "download.wav");
        await download.SaveAsAsync(saved);
        byte[] wav = await File.ReadAllBytesAsync(saved);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal(44100, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        DecodedAudio decoded = WavReader.Read(wav, "download.wav");
        Assert.Equal(44100, decoded.Audio.Samples.Length);
        Assert.Contains("40pct", download.SuggestedFilename);
        await page.Locator("#chart-latent-map .nsewdrag").ClickAsync(new() { Position = new() { X = 6, Y = 6 } });
        await page.GetByText("Map point (").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "creation.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Overview" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Current model")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "overview.png"), FullPage = true });
    }
}
