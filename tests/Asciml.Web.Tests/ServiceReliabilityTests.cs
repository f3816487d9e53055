using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using Asciml.Web.Services;

namespace Asciml.Web.Tests;

/// <summary>Issue 11, finding 9: the training service survives a failed start; model sessions are leased.</summary>
public sealed class ServiceReliabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-services-").FullName;
    private readonly Workspace _workspace;

    public ServiceReliabilityTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private ModelEntry RegisterTinyModel(string name, int seed)
    {
        TorchSharp.torch.manual_seed(seed);
        var architecture = new VaeArchitecture("tiny", [4, 8], 66, [4, 4], [32], 4, OutputActivation.Linear);
        using var network = new WaveformVae(architecture);
        string path = Path.Combine(_folder, $"{name}{ModelFile.Extension}");
        ModelFile.Save(path, network, ModelFile.Describe(network, new TrainingProvenance()));
        return _workspace.Models.Register(name, "tiny", path, "{}", "{}");
    }

    private string AddSounds()
    {
        Group group = _workspace.Groups.Create("tones");
        foreach (double f0 in new[] { 220.0, 330.0 })
        {
            _workspace.Sounds.Add(new NewSound(group.Id, $"tone {f0}", SoundSource.Synthesized,
                ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = f0 }))));
        }

        return group.Id;
    }

    [Fact]
    public void APageKeepsItsModelWhileANewerOneBecomesCurrent()
    {
        // Before: a new model disposed the session a page was still using ("Tensor invalid -- empty handle").
        string groupId = AddSounds();
        string soundId = _workspace.Sounds.List(groupId)[0].Id;
        RegisterTinyModel("first", 1);
        using var sessions = new ModelSessions(_workspace);

        ModelLease page = sessions.Lease()!;
        Assert.Equal("first", page.Session.Entry.Name);
        ModelEntry second = RegisterTinyModel("second", 2);
        using (ModelLease other = sessions.Lease()!)
        {
            Assert.Equal(second.Id, other.Session.Entry.Id);
            Assert.Equal(2, sessions.LiveSessions);
            Assert.Equal(16_000, page.Session.Evaluation.Reconstruct(soundId).Reconstruction.Samples.Length); // still alive
        }

        page.Dispose();
        Assert.Equal(1, sessions.LiveSessions); // the replaced session went with its last lease
        page.Dispose(); // twice is harmless
        Assert.Equal(1, sessions.LiveSessions);
        using ModelLease again = sessions.Lease()!;
        Assert.Equal(second.Id, again.Session.Entry.Id);
    }

    [Fact]
    public void ADamagedNewModelKeepsTheOldSession()
    {
        RegisterTinyModel("good", 1);
        using var sessions = new ModelSessions(_workspace);
        using (ModelLease first = sessions.Lease()!)
        {
            Assert.Equal("good", first.Session.Entry.Name);
        }

        string broken = Path.Combine(_folder, "broken" + ModelFile.Extension);
        File.WriteAllText(broken, "not a model");
        _workspace.Models.Register("broken", "tiny", broken, "{}", "{}");
        Assert.ThrowsAny<AscimlException>(() => sessions.Lease());
        Assert.Equal(1, sessions.LiveSessions);
    }

    [Fact]
    public void TheAudioEndpointAnswersEachErrorKindWithItsOwnStatus()
    {
        // Before: every failure was a 404.
        static int? Status(Func<Asciml.Core.Audio.MonoAudio> clip, int? rate = null) =>
            (AudioEndpoints.Wav(clip, rate, "x.wav") as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode;
        Assert.Equal(404, Status(() => _workspace.Sounds.LoadModelInput("s-missing")));
        Assert.Equal(503, Status(() => throw new AscimlException("no model yet", ErrorKind.Unavailable)));
        string soundId = _workspace.Sounds.List(AddSounds())[0].Id;
        Assert.Equal(400, Status(() => _workspace.Sounds.LoadModelInput(soundId), rate: 12345));
        Assert.Null(Status(() => _workspace.Sounds.LoadModelInput(soundId))); // a file result
    }

    [Fact]
    public async Task TheTrainingServiceSurvivesAFailedStart()
    {
        // Before: after one failed start the service kept a disposed job and every later start threw ObjectDisposedException.
        string groupId = AddSounds();
        using var service = new TrainingService(_workspace);
        await service.StartAsync(TestContext.Current.CancellationToken);
        var settings = new TrainingSettings { Epochs = 1, BatchSize = 2, Seed = 3, Threads = 1 };
        var good = new TrainingPlan([groupId], null, "lite", settings);

        await StartAndFinish(service, good);

        var bad = new TrainingPlan(["no-such-group"], null, "lite", settings);
        Assert.ThrowsAny<AscimlException>(() => service.Start(bad));
        Assert.False(service.IsRunning);
        Assert.StartsWith("training could not start:", service.LastMessage);
        Assert.ThrowsAny<AscimlException>(() => service.Start(bad));

        await StartAndFinish(service, good);
        Assert.Equal(2, _workspace.Models.List().Count);
        Assert.Equal(2, _workspace.Runs.List().Count);
        Assert.Single(service.History);
        await service.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Starts a training and waits until the service has recorded how it ended (its own bookkeeping included).</summary>
    private static async Task StartAndFinish(TrainingService service, TrainingPlan request)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged()
        {
            if (service.LastMessage?.StartsWith("training finished", StringComparison.Ordinal) == true)
            {
                finished.TrySetResult();
            }
        }

        service.Changed += OnChanged;
        try
        {
            service.Start(request);
            await finished.Task.WaitAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            service.Changed -= OnChanged;
        }
    }
}
