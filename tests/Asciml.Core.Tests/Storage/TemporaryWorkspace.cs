using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Storage;

/// <summary>A fresh workspace in a temporary folder for each test, deleted afterwards.</summary>
public abstract class TemporaryWorkspace : IDisposable
{
    protected TemporaryWorkspace()
    {
        Folder = Directory.CreateTempSubdirectory("asciml-store-").FullName;
        Workspace = Workspace.Open(Folder);
    }

    protected string Folder { get; }

    protected Workspace Workspace { get; }

    /// <summary>A one-second model input: an additive tone.</summary>
    protected static MonoAudio Tone(double frequencyHz) => Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = frequencyHz });

    public void Dispose()
    {
        Workspace.Dispose();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
