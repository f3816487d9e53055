using System.CommandLine;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Cli.Commands;

/// <summary>`asciml synth`: synthesize one sound, or N seeded variations around given settings.</summary>
public static class SynthCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var method = new Option<string>("--method") { Description = "am, fm, subtractive or additive" };
        var count = new Option<int>("--count") { Description = "How many sounds (variations around the settings)", DefaultValueFactory = _ => 1 };
        var seed = new Option<int?>("--seed") { Description = "Seed of the variations (same seed, same sounds). Without --seed and with --count 1: exactly the settings" };
        var parameters = new Option<string[]>("--param") { Description = "NAME=VALUE: fixes a parameter (fixed parameters are not varied); repeatable", AllowMultipleArgumentsPerToken = false };
        var preset = new Option<string?>("--preset") { Description = "Start from a preset (see --list-params)" };
        var amount = new Option<double>("--variation") { Description = "How far variations stray, 0..1", DefaultValueFactory = _ => 0.5 };
        var output = new Option<string?>("--out") { Description = "Folder for the WAV files (default: current folder)" };
        var group = new Option<string?>("--group") { Description = "Add the sounds to this workspace group (created if missing)" };
        var listParameters = new Option<bool>("--list-params") { Description = "List the method's parameters and presets, then exit" };
        var command = new Command("synth", "Synthesize one-second sounds by AM, FM, subtractive or additive synthesis")
        {
            method, count, seed, parameters, preset, amount, output, group, listParameters,
        };
        command.SetAction(parseResult =>
        {
            string? methodName = parseResult.GetValue(method);
            if (parseResult.GetValue(listParameters))
            {
                ListParameters(methodName is null ? Enum.GetValues<SynthesisMethod>() : [SynthesisMethodNames.Parse(methodName)]);
                return ExitCodes.Success;
            }

            if (methodName is null)
            {
                throw new UsageException("--method is required (am, fm, subtractive or additive)");
            }

            SynthesisMethod synthesisMethod = SynthesisMethodNames.Parse(methodName);
            int soundCount = parseResult.GetValue(count);
            IReadOnlyDictionary<string, double> fixedValues = SynthSettings.ParseAssignments(synthesisMethod, parseResult.GetValue(parameters) ?? []);
            string? presetName = parseResult.GetValue(preset);
            SynthSettings start = SynthPresets.Start(synthesisMethod, presetName).With(fixedValues);
            int? variationSeed = parseResult.GetValue(seed);
            IReadOnlyList<SynthesizedSound> sounds = soundCount == 1 && variationSeed is null
                ? [VariationGenerator.RenderOne(start, presetName)]
                : Terminal.WithProgress($"Synthesizing {soundCount} sounds", 1, report =>
                {
                    IReadOnlyList<SynthesizedSound> rendered = VariationGenerator.Render(start, soundCount, variationSeed ?? 0, fixedValues.Keys.ToHashSet(), parseResult.GetValue(amount), presetName);
                    report(1);
                    return rendered;
                });

            string? groupName = parseResult.GetValue(group);
            string? folder = parseResult.GetValue(output);
            if (groupName is not null)
            {
                using Workspace workspace = globals.OpenWorkspace(parseResult);
                SynthesizedSounds.AddTo(workspace, workspace.Groups.GetOrCreate(groupName).Id, sounds);
                Console.Error.WriteLine($"asciml: added {Words.Sounds(sounds.Count)} to group '{groupName}'");
            }

            if (folder is not null || groupName is null)
            {
                folder ??= Directory.GetCurrentDirectory();
                Directory.CreateDirectory(folder);
                foreach (SynthesizedSound sound in sounds)
                {
                    WavWriter.Write(Path.Combine(folder, sound.Name + ".wav"), sound.Audio);
                }

                Console.Error.WriteLine($"asciml: wrote {Words.Sounds(sounds.Count)} to {folder}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void ListParameters(IEnumerable<SynthesisMethod> methods)
    {
        foreach (SynthesisMethod method in methods)
        {
            Console.WriteLine($"{method.ToName()}:");
            foreach (SynthParameter parameter in ParameterCatalogue.For(method))
            {
                Console.WriteLine($"  {parameter.Name,-20} {parameter.Range,-28} default {parameter.Format(parameter.Default),-10} {parameter.Description}");
            }

            Console.WriteLine($"  presets: {string.Join(", ", SynthPresets.For(method).Select(p => p.Name))}");
        }
    }
}
