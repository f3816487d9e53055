using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;

namespace Asciml.Core.Tests.Benchmarking;

public sealed class BenchmarkEnvironmentTests
{
    [Fact]
    public void MedianOfOddAndEvenCounts()
    {
        Assert.Equal(new RepeatStats(5, 3, 1, 9), RepeatStats.Of([9, 1, 3, 2, 4]));
        Assert.Equal(new RepeatStats(4, 2.5, 1, 9), RepeatStats.Of([9, 1, 3, 2]));
        Assert.Throws<ArgumentException>(() => RepeatStats.Of([]));
    }

    [Fact]
    public void ScalingKeepsOrder()
    {
        RepeatStats stats = RepeatStats.Of([2, 4, 6]).Scaled(0.5);
        Assert.Equal(new RepeatStats(3, 2, 1, 3), stats);
    }

    [Fact]
    public void TimingRunsTheWarmUpAndEveryRepeat()
    {
        int calls = 0;
        RepeatStats stats = RepeatStats.TimeMilliseconds(5, () => calls++);
        Assert.Equal(6, calls);
        Assert.Equal(5, stats.Count);
        Assert.True(stats.Min >= 0 && stats.Min <= stats.Median && stats.Median <= stats.Max);
    }

    [Fact]
    public void EnvironmentFieldsAreAllPresent()
    {
        var environment = BenchmarkEnvironment.Start();
        JsonObject json = environment.Finish(new JsonObject(), threads: 2);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["cpu_model"]));
        Assert.Equal(Environment.ProcessorCount, (int)json["logical_cores"]!);
        Assert.Equal(2, (int)json["threads"]!);
        foreach (string name in new[] { "load_before", "load_after", "process_cpu_s", "wall_s" })
        {
            Assert.True(json.ContainsKey(name), name);
        }

        if (File.Exists("/proc/loadavg"))
        {
            Assert.Equal(3, json["load_before"]!.AsArray().Count);
        }
    }
}
