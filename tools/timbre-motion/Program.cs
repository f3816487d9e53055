using System.Globalization;
using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using static TorchSharp.torch;

// Copies a trained timbre model into the same shape with CHANNELS motion channels, more than it has (TimbreVae.WithMotion:
// the copy decodes exactly as the original until training teaches it to use the new ones; a model with motion keeps
// its channels). Written as a checkpoint, `asciml pretrain` continues it (docs/PRETRAINING.md).
// Usage: dotnet run -c Release --project tools/timbre-motion -- SOURCE.asciml CHANNELS OUT.asciml
if (args.Length != 3 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int channels))
{
    Console.Error.WriteLine("usage: timbre-motion SOURCE.asciml CHANNELS OUT.asciml");
    return 2;
}

LoadedModel source = ModelFile.Load(args[0]);
if (source.Network is not TimbreVae original)
{
    Console.Error.WriteLine($"{args[0]}: not a timbre model");
    return 1;
}

manual_seed(0);
TimbreVae moving = original.WithMotion(channels);
ModelFile.Save(args[2], moving, source.Metadata with { Timbre = moving.Architecture, ParameterCount = moving.ParameterCount });
Console.WriteLine($"wrote {args[2]}: {moving.ParameterCount} parameters, {channels} motion channels × {TimbreArchitecture.MotionSteps} steps");
return 0;
