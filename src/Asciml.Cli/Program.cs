using Asciml.Cli;
using Asciml.Cli.Commands;

// The CLI is a thin shell: each command parses its options and calls the core/model libraries.
var globals = new GlobalOptions();
var root = new System.CommandLine.RootCommand(
    "Asciml: design a dataset of one-second sounds, train a VAE on it, evaluate it by ear, and create new sounds.");
globals.AddTo(root);

foreach (System.CommandLine.Command command in new System.CommandLine.Command[]
{
    // commands (one line each)
    PlotCommand.Create(globals),
    ServeCommand.Create(globals),
    SynthCommand.Create(globals),
    FeaturesCommand.Create(globals),
    GroupCommand.Create(globals),
    SoundCommand.Create(globals),
    ImportCommand.Create(globals),
    ExportCommand.Create(globals),
    DoctorCommand.Create(globals),
    InfoCommand.Create(globals),
    ConvertCommand.Create(globals),
    TrainCommand.Create(globals),
    InterpolateCommand.Create(globals),
    RenderCommand.Create(globals),
    ExportInstrumentCommand.Create(globals),
    PretrainCommand.Create(globals),
    ReconstructCommand.Create(globals),
    BenchCommand.Create(globals),
})
{
    root.Subcommands.Add(command);
}

return CommandRunner.Run(root, globals, args);
