using System.CommandLine;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Plotting;

namespace Asciml.Cli.Commands;

/// <summary>`asciml plot table|histogram|f0|centroid|envelopegram|pca --group NAME... --out FILE.png`.</summary>
public static class PlotCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var kind = new Argument<string>("KIND") { Description = "table, histogram, f0, centroid, envelopegram or pca" };
        kind.AcceptOnlyFromAmong("table", "histogram", "f0", "centroid", "envelopegram", "pca");
        var groups = new Option<string[]>("--group") { Description = "Groups to draw (repeatable; default: all)", AllowMultipleArgumentsPerToken = true };
        var feature = new Option<string>("--feature") { Description = "Feature of the histogram", DefaultValueFactory = _ => "spectral_centroid_hz" };
        var output = new Option<string>("--out") { Description = "PNG file to write", Required = true };
        var command = new Command("plot", "Draw one of the six dataset views as a PNG") { kind, groups, feature, output };
        command.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            string[] names = parseResult.GetValue(groups) ?? [];
            IReadOnlyList<AnalyzedSound> sounds = DatasetAnalysis.Analyze(workspace, names.Length == 0 ? null : names.Select(n => workspace.Groups.GetByName(n).Id));
            string path = parseResult.GetValue(output)!;
            DatasetPlots.SavePng(DatasetPlots.ParseKind(parseResult.GetValue(kind)!), sounds, path, parseResult.GetValue(feature)!);
            Console.Error.WriteLine($"asciml: wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
