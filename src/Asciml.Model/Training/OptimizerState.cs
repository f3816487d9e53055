using System.Text;
using TorchSharp;

namespace Asciml.Model.Training;

/// <summary>Adam's moment estimates and step counts as bytes, for checkpoints.</summary>
internal static class OptimizerState
{
    public static byte[] Capture(TorchSharp.Modules.OptimizerHelper optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }

        return memory.ToArray();
    }

    public static void Restore(TorchSharp.Modules.OptimizerHelper optimizer, byte[] state)
    {
        using var memory = new MemoryStream(state);
        using var reader = new BinaryReader(memory);
        optimizer.load_state_dict(reader);
    }
}
