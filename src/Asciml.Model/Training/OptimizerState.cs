using System.Text;
using TorchSharp;

namespace Asciml.Model.Training;

/// <summary>Adam's moment estimates and step counts as bytes, for checkpoints.</summary>
internal static class OptimizerState
{
    /// <summary>Writes Adam's state (for <see cref="Vae.ModelFile.Save"/>).</summary>
    public static Action<BinaryWriter> Writer(TorchSharp.Modules.OptimizerHelper optimizer) =>
        writer => optimizer.save_state_dict(writer);

    public static void Restore(TorchSharp.Modules.OptimizerHelper optimizer, byte[] state)
    {
        using var memory = new MemoryStream(state);
        using var reader = new BinaryReader(memory);
        optimizer.load_state_dict(reader);
    }
}
