using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Asciml.Core.Benchmarking;

/// <summary>The three load averages of /proc/loadavg (1, 5 and 15 minutes); null fields where the file is missing.</summary>
public sealed record LoadAverage(double One, double Five, double Fifteen)
{
    public static LoadAverage? Read()
    {
        try
        {
            string[] fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new LoadAverage(Parse(fields[0]), Parse(fields[1]), Parse(fields[2]));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }

        static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
    }

    public JsonArray ToJson() => [One, Five, Fifteen];
}

/// <summary>Median, minimum and maximum of repeated measurements (at least one).</summary>
public sealed record RepeatStats(int Count, double Median, double Min, double Max)
{
    public static RepeatStats Of(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no measurements", nameof(values));
        }

        int middle = sorted.Length / 2;
        double median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new RepeatStats(sorted.Length, median, sorted[0], sorted[^1]);
    }

    /// <summary>Runs <paramref name="action"/> once untimed, then <paramref name="repeats"/> timed times; milliseconds.</summary>
    public static RepeatStats TimeMilliseconds(int repeats, Action action, bool warmUp = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (warmUp)
        {
            action();
        }

        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Of(times);
    }

    /// <summary>The same statistics with every value multiplied (e.g. ms per batch → ms per sample).</summary>
    public RepeatStats Scaled(double factor) => factor >= 0
        ? new RepeatStats(Count, Median * factor, Min * factor, Max * factor)
        : new RepeatStats(Count, Median * factor, Max * factor, Min * factor);

    /// <summary>Adds name_median, name_min and name_max (rounded) to a JSON object.</summary>
    public void AddTo(JsonObject json, string name, int digits = 3)
    {
        json[$"{name}_median"] = Math.Round(Median, digits);
        json[$"{name}_min"] = Math.Round(Min, digits);
        json[$"{name}_max"] = Math.Round(Max, digits);
    }
}

/// <summary>
/// The machine a benchmark ran on and how busy it was: CPU model, logical cores, threads used, load average
/// before and after, and the process CPU time and wall time in between. On a shared machine an absolute time
/// means little without these; ratios measured in the same run (see docs/BENCHMARKS.md) travel better.
/// </summary>
public sealed class BenchmarkEnvironment
{
    private readonly long _startTimestamp;
    private readonly TimeSpan _startCpu;

    private BenchmarkEnvironment()
    {
        CpuModel = ReadCpuModel();
        LoadBefore = LoadAverage.Read();
        _startCpu = Process.GetCurrentProcess().TotalProcessorTime;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public string CpuModel { get; }
    public static int LogicalCores => Environment.ProcessorCount;
    public LoadAverage? LoadBefore { get; }

    /// <summary>Records the CPU model and the load now; call <see cref="Finish"/> when the measurements are done.</summary>
    public static BenchmarkEnvironment Start() => new();

    /// <summary>Load after, CPU time and wall time since <see cref="Start"/>, as JSON fields added to <paramref name="json"/>.</summary>
    public JsonObject Finish(JsonObject json, int threads)
    {
        double wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - _startCpu).TotalSeconds;
        LoadAverage? after = LoadAverage.Read();
        json["cpu_model"] = CpuModel;
        json["logical_cores"] = LogicalCores;
        json["threads"] = threads;
        json["load_before"] = LoadBefore?.ToJson();
        json["load_after"] = after?.ToJson();
        json["process_cpu_s"] = Math.Round(cpu, 2);
        json["wall_s"] = Math.Round(wall, 2);
        // Busy cores of this process: well below `threads` means the other load took the CPU from it.
        json["cpu_per_wall"] = wall > 0 ? Math.Round(cpu / wall, 2) : null;
        return json;
    }

    /// <summary>The "model name" line of /proc/cpuinfo (else the architecture).</summary>
    public static string ReadCpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and > 0)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }

        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
