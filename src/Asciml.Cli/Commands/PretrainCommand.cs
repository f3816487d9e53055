using System.CommandLine;
using Asciml.Core.Synthesis;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml pretrain`: synthesizes the seeded pretraining corpus (all four methods) and trains on it. Rerunning
/// the same command resumes from MODEL.checkpoint, so a long run survives interruptions and can be extended
/// with a larger --epochs.
/// </summary>
public static class PretrainCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var preset = new Option<string>("--preset") { Description = "Model preset: timbre, lite or paper", DefaultValueFactory = _ => ModelPresets.Default };
        var sounds = new Option<int>("--sounds") { Description = "Synthesized sounds in the corpus", DefaultValueFactory = _ => 640 };
        var corpusSeed = new Option<int>("--corpus-seed") { Description = "Seed of the synthesized corpus", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var extra = new Option<string?>("--extra-data") { Description = "Folder of WAV files added to the synthesized corpus (e.g. rendered instrument notes)" };
        var options = new TrainingOptions();
        var command = new Command("pretrain", "Synthesize a corpus and pretrain a model on it (resumable)") { preset, sounds, corpusSeed, output, extra };
        options.AddTo(command, defaultEpochs: 3000);
        command.SetAction((parseResult, cancellation) =>
        {
            int count = parseResult.GetValue(sounds);
            if (count < 1)
            {
                throw new UsageException("--sounds must be at least 1");
            }

            TrainingSettings settings = options.Settings(parseResult);
            string outPath = parseResult.GetValue(output)!;
            int seed = parseResult.GetValue(corpusSeed);
            var clips = PretrainingCorpus.Create(count, seed).Select(sound => new TrainingClip(sound.Name, sound.Audio)).ToList();
            string description = $"pretraining corpus: {count} synthesized sounds (PretrainingCorpus seed {seed})";
            if (parseResult.GetValue(extra) is { } folder)
            {
                TrainingData added = TrainingData.FromFolder(folder);
                clips.AddRange(added.Clips);
                description += $" + {added.Count} WAV files of {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)))}";
            }

            TrainingData data = TrainingData.FromClips(clips, description);
            TrainingStart fresh = TrainingStart.FromScratch(
                ModelPresets.FromName(parseResult.GetValue(preset), options.LatentSize(parseResult)));
            return Task.FromResult(TrainingConsole.Run(outPath, ResumableTraining.ResumeOrStart(outPath, fresh), data, settings, cancellation));
        });
        _ = globals;
        return command;
    }
}
