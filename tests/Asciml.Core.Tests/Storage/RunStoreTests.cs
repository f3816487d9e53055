using Asciml.Core.Storage;

namespace Asciml.Core.Tests.Storage;

public sealed class RunStoreTests : TemporaryWorkspace
{
    [Fact]
    public void RunsRoundTripWithTheirOwnEpochsInOrder()
    {
        RunStore runs = Workspace.Runs;
        TrainingRun first = runs.Start("""{"preset":"lite"}""");
        runs.AppendEpoch(first.Id, new TrainingRunEpoch(2, 2, 1.5, 0.5, null));
        runs.AppendEpoch(first.Id, new TrainingRunEpoch(1, 3, 2, 1, 0.25));
        Thread.Sleep(5); // "started" orders the list; keep the two runs apart
        TrainingRun second = runs.Start("{}");
        runs.AppendEpoch(second.Id, new TrainingRunEpoch(1, 9, 8, 1, null));
        runs.AppendEpoch(second.Id, new TrainingRunEpoch(1, 7, 6, 1, null)); // an epoch recorded again replaces it
        runs.Finish(first.Id, TrainingStatus.Completed, "done", null);

        Assert.Equal([second.Id, first.Id], runs.List().Select(r => r.Id));
        TrainingRun read = runs.Get(first.Id);
        Assert.Equal(TrainingStatus.Completed, read.Status);
        Assert.Equal("done", read.Message);
        Assert.NotNull(read.Finished);
        Assert.Equal("""{"preset":"lite"}""", read.SettingsJson);
        Assert.Equal([new TrainingRunEpoch(1, 3, 2, 1, 0.25), new TrainingRunEpoch(2, 2, 1.5, 0.5, null)], read.Epochs);
        Assert.Equal(read.Epochs, runs.List().Single(r => r.Id == first.Id).Epochs);
        Assert.Equal([new TrainingRunEpoch(1, 7, 6, 1, null)], runs.List().Single(r => r.Id == second.Id).Epochs);

        runs.MarkInterrupted();
        TrainingRun interrupted = runs.Get(second.Id);
        Assert.Equal(TrainingStatus.Stopped, interrupted.Status);
        Assert.Equal("interrupted: the app stopped during training", interrupted.Message);
        Assert.Equal(TrainingStatus.Completed, runs.Get(first.Id).Status);
    }

    [Fact]
    public void AnUnknownRunIsNotFoundInOneLine()
    {
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Runs.AppendEpoch("r-nope", new TrainingRunEpoch(1, 1, 1, 1, null)));
        Assert.Equal("there is no training run with id 'r-nope'", error.Message);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("there is no training run with id 'r-gone'", Assert.Throws<WorkspaceException>(() => Workspace.Runs.Get("r-gone")).Message);
    }
}
