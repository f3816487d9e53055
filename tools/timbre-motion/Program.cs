using System.Globalization;
using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using static TorchSharp.torch;

// Copies a trained timbre model into a wider shape: CHANNELS motion channels (TimbreVae.WithMotion; the same count
// leaves the motion as it is) and, when given, NOISE_BANDS noise-filter bands (TimbreVae.WithNoiseBands). The copy
// decodes as the original until training teaches it to use what was added. Written as a checkpoint, `asciml
// pretrain` continues it (docs/PRETRAINING.md).
// Usage: dotnet run -c Release --project tools/timbre-motion -- SOURCE.asciml CHANNELS OUT.asciml [NOISE_BANDS]
int noiseBands = 0;
if (args.Length is not (3 or 4) || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int channels)
    || (args.Length == 4 && !int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out noiseBands)))
{
    Console.Error.WriteLine("usage: timbre-motion SOURCE.asciml CHANNELS OUT.asciml [NOISE_BANDS]");
    return 2;
}

LoadedModel source = ModelFile.Load(args[0]);
if (source.Network is not TimbreVae original)
{
    Console.Error.WriteLine($"{args[0]}: not a timbre model");
    return 1;
}

manual_seed(0);
TimbreVae wider = channels == original.Architecture.MotionChannels ? original : original.WithMotion(channels);
if (noiseBands != 0)
{
    wider = wider.WithNoiseBands(noiseBands);
}

ModelFile.Save(args[2], wider, source.Metadata with { Timbre = wider.Architecture, ParameterCount = wider.ParameterCount });
Console.WriteLine($"wrote {args[2]}: {wider.ParameterCount} parameters, {wider.Architecture.MotionChannels} motion channels × {TimbreArchitecture.MotionSteps} steps, {wider.Architecture.NoiseBands} noise bands");
return 0;
