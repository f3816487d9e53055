using Asciml.Model.Creation;

namespace Asciml.Model.Tests;

/// <summary>The play page's "render only the latest morph" loop, moved out of the page (issue 12).</summary>
public sealed class LatestRequestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestsDuringARoundCoalesceIntoOneMoreRoundWithTheNewest()
    {
        var rounds = new List<(string Request, int Sequence)>();
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var secondDone = new TaskCompletionSource();
        LatestRequest<string>? latest = null;
        var superseded = new List<bool>();
        latest = new LatestRequest<string>(async (request, sequence) =>
        {
            lock (rounds)
            {
                rounds.Add((request, sequence));
            }

            if (rounds.Count == 1)
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
                superseded.Add(latest!.Superseded);
            }
            else
            {
                superseded.Add(latest!.Superseded);
                secondDone.SetResult();
            }

            return true;
        });

        Assert.True(latest.Request("a", 1));
        await firstStarted.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.False(latest.Superseded);
        Assert.False(latest.Request("b", 5));
        Assert.False(latest.Request("c", 3)); // the newest request, the highest sequence
        Assert.True(latest.Superseded);
        releaseFirst.SetResult();
        await secondDone.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Equal([("a", 1), ("c", 5)], rounds);
        Assert.Equal([true, false], superseded);
        await WaitUntilIdle(latest);
        Assert.True(latest.Request("d")); // idle again: a new loop starts
    }

    [Fact]
    public async Task StoppingOrAGonePageEndsTheLoop()
    {
        int rounds = 0;
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var latest = new LatestRequest<int>(async (_, _) =>
        {
            Interlocked.Increment(ref rounds);
            started.TrySetResult();
            await release.Task;
            return false; // the page has gone
        });
        Assert.True(latest.Request(1));
        await started.Task.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.False(latest.Request(2));
        release.SetResult();
        await WaitUntilIdle(latest);
        Assert.Equal(1, rounds); // the waiting request was dropped with the page

        latest.Stop();
        Assert.True(latest.Superseded);
        Assert.False(latest.Request(3));
        Assert.Equal(1, rounds);
    }

    /// <summary>A request starts a loop again once the last one has finished.</summary>
    private static async Task WaitUntilIdle<T>(LatestRequest<T> latest)
    {
        for (int i = 0; i < 3000 && latest.IsRunning; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.False(latest.IsRunning, "the loop did not finish");
    }
}
