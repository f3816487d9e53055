using System.CommandLine;
using Asciml.Core.Audio;
using Asciml.Core.IO;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>`asciml render`: a longer sound along a path through two or more sounds in the latent space.</summary>
public static class RenderCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var model = new Option<string>("--model") { Description = "Model file, or `pretrained`", Required = true };
        var through = new Option<string[]>("--through")
        {
            Description = "The sounds the path passes, in order: WAV paths or workspace sound ids (2 or more)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var seconds = new Option<double>("--seconds") { Description = $"Length of the result ({LatentPath.MinimumSeconds:0}–{LatentPath.MaximumSeconds:0} s)", Required = true };
        var output = new Option<string>("--out") { Description = "WAV file to write (16 kHz)", Required = true };
        var command = new Command("render", "Render a longer sound along a path through sounds in the model's latent space") { model, through, seconds, output };
        command.SetAction(parseResult =>
        {
            string[] references = parseResult.GetValue(through) ?? [];
            if (references.Length < 2)
            {
                throw new UsageException("--through needs at least two sounds");
            }

            double length = parseResult.GetValue(seconds);
            if (!double.IsFinite(length) || length < LatentPath.MinimumSeconds || length > LatentPath.MaximumSeconds)
            {
                throw new UsageException($"--seconds must be between {LatentPath.MinimumSeconds:0} and {LatentPath.MaximumSeconds:0}");
            }

            MonoAudio[] sounds = references.Select(reference => SoundReference.Load(reference, () => globals.OpenWorkspace(parseResult))).ToArray();
            using SoundModel network = SoundModel.Load(PretrainedModel.Resolve(parseResult.GetValue(model)!));
            MonoAudio result = LatentPath.RenderThrough(network, sounds, length);
            string path = parseResult.GetValue(output)!;
            AtomicFile.CreateFolderOf(path);
            WavWriter.Write(path, result);
            return 0;
        });
        return command;
    }
}
