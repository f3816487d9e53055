using System.Net;
using System.Net.Sockets;
using Asciml.Core;
using Asciml.Core.Osc;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using Asciml.Web.Services;

namespace Asciml.Web.Tests;

/// <summary>The play page's services: keyboard sets (keys, preview, bytes, bounded store) and the OSC hub with a real UDP listener.</summary>
public sealed class PlayServiceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-play-services-").FullName;
    private readonly Workspace _workspace;

    public PlayServiceTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private (string A, string B) TinyModelAndTwoTones()
    {
        Group group = _workspace.Groups.Create("tones");
        string[] ids = new[] { 220.0, 330.0 }.Select(f0 => _workspace.Sounds.Add(new NewSound(group.Id, $"tone {f0}", SoundSource.Synthesized,
            Asciml.Core.Audio.ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = f0 })))).Id).ToArray();
        TorchSharp.torch.manual_seed(5);
        using var network = new WaveformVae(new VaeArchitecture("tiny", [4, 8], 66, [4, 4], [32], 4, OutputActivation.Linear));
        string path = Path.Combine(_folder, "tiny" + ModelFile.Extension);
        ModelFile.Save(path, network, ModelFile.Describe(network, new TrainingProvenance()));
        _workspace.Models.Register("tiny", "tiny", path, "{}", "{}");
        return (ids[0], ids[1]);
    }

    [Fact]
    public void AKeyboardSetHasNineKeysAfterAOneClipPreview()
    {
        (string a, string b) = TinyModelAndTwoTones();
        using var sessions = new ModelSessions(_workspace);
        using ModelLease lease = sessions.Lease()!;
        var renders = new KeyboardRenders();
        KeyboardSet? preview = null;
        KeyboardSet set = renders.Render(lease.Session, lease.Session.MorphCode(a, b, 0.4), p => preview = p)!;

        Assert.Equal([36, 42, 48, 54, 60, 66, 72, 78, 84], set.Keys);
        Assert.True(KeyboardRenders.IsComplete(set));
        Assert.Equal(9 * 16_000, set.Samples.Length);
        Assert.All(set.SoundingKeys.Zip(set.Keys), pair => Assert.Equal(pair.Second, pair.First, 6)); // resampling reaches every key here
        Assert.NotNull(preview);
        Assert.False(KeyboardRenders.IsComplete(preview));
        Assert.Equal(set.OwnKey, preview.SoundingKeys.Single());
        // The preview is the morph as decoded: it sounds at its own key.
        Assert.Equal(lease.Session.Interpolate(a, b, 0.4).Samples, preview.Samples);

        byte[] bytes = KeyboardRenders.ToBytes(set);
        Assert.Equal(set.Samples.Length * 4, bytes.Length);
        Assert.Equal(set.Samples[12_345], BitConverter.ToSingle(bytes, 12_345 * 4));
        Assert.Same(set, renders.Find(set.Token));
        for (int i = 0; i < KeyboardRenders.Capacity; i++)
        {
            renders.Render(lease.Session, lease.Session.MorphCode(a, b, i / 40.0));
        }

        Assert.Null(renders.Find(set.Token)); // the store keeps the latest sets only
    }

    [Fact]
    public async Task OscControlsReachEverySubscriberThroughTheRealListener()
    {
        var hub = new OscHub();
        using var listener = new OscListener(0);
        using var service = new OscService(listener, hub);
        var received = new List<OscControlEvent>();
        var done = new TaskCompletionSource();
        using IDisposable failing = hub.Subscribe(_ => throw new AscimlException("a closing page"));
        using IDisposable page = hub.Subscribe(control =>
        {
            lock (received)
            {
                received.Add(control);
                if (received.Count == 3)
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });
        await service.StartAsync(TestContext.Current.CancellationToken);
        using var client = new UdpClient();
        foreach (OscPacket packet in new OscPacket[]
        {
            new OscMessage("/asciml/amount", 0.25f),
            new OscMessage("/asciml/unknown", 1),
            new OscBundle(OscBundle.Immediately, [new OscMessage("/asciml/map", 0.5f, -1f), new OscMessage("/asciml/note", 60, 100)]),
        })
        {
            byte[] bytes = OscCodec.Encode(packet);
            await client.SendAsync(bytes, bytes.Length, new IPEndPoint(IPAddress.Loopback, listener.Port));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await service.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal([new AmountChanged(0.25f), new MapPointChanged(0.5f, -1f), new NotePlayed(60, 100)], received);
        Assert.Equal(1, listener.IgnoredMessages);
        Assert.Equal(2, hub.Subscribers);
    }
}
