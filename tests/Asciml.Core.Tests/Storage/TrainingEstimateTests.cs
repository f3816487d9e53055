using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Storage;

public sealed class TrainingEstimateTests : TemporaryWorkspace
{
    [Fact]
    public void WithoutARunTheBenchmarkFigureIsUsedAndUnknownPresetsHaveNone()
    {
        TrainingEstimate lite = TrainingEstimate.For(Workspace, "lite", 40, 100)!;
        Assert.Equal(0.0075 * 40 * 100, lite.Seconds, 6);
        Assert.Contains("benchmark", lite.Basis, StringComparison.Ordinal);
        Assert.Null(TrainingEstimate.For(Workspace, "some-new-preset", 40, 100));
        Assert.Null(TrainingEstimate.For(Workspace, "lite", 0, 100));
    }

    [Fact]
    public void AFinishedRunOfThePresetGivesTheMeasuredRate()
    {
        Group group = Workspace.Groups.Create("g");
        SynthesizedSounds.AddTo(Workspace, Workspace.Groups.GetOrCreate("g").Id, VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Am), 4, seed: 1));
        TrainingRun run = Workspace.Runs.Start($$"""{"groups":["{{group.Id}}"],"preset":"paper","epochs":2}""");
        Workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(1, 1, 1, 1, null));
        Workspace.Runs.AppendEpoch(run.Id, new TrainingRunEpoch(2, 1, 1, 1, null));
        Workspace.Runs.Finish(run.Id, TrainingStatus.Completed, "done", null);
        TrainingRun finished = Workspace.Runs.List().Single();
        double perSoundEpoch = (finished.Finished!.Value - finished.Started).TotalSeconds / 2 / 4;

        TrainingEstimate estimate = TrainingEstimate.For(Workspace, "paper", 10, 50)!;
        Assert.Equal(perSoundEpoch * 10 * 50, estimate.Seconds, 6);
        Assert.Contains("measured", estimate.Basis, StringComparison.Ordinal);
        Assert.Contains("benchmark", TrainingEstimate.For(Workspace, "lite", 10, 50)!.Basis, StringComparison.Ordinal); // other preset
    }

    [Theory]
    [InlineData(12.4, "about 12 s")]
    [InlineData(200, "about 3 min")]
    public void DescribesSecondsOrMinutes(double seconds, string text) => Assert.Equal(text, new TrainingEstimate(seconds, "").Describe());
}
