using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Asciml.Core.Benchmarking;
using Asciml.Core.Features;
using Asciml.Core.Synthesis;

// FeatureExtractor.Extract of this build against the one in another Asciml.Core.dll (loaded in its own context),
// on one thread, round by round in one process, in process CPU time per clip; then the largest relative difference
// of every feature between the two. Usage: dotnet run -c Release -- <other Asciml.Core.dll> [rounds] [clips per round]
// `dotnet run -c Release -- profile [clips]` instead times the parts of Extract (see Profile).
if (args.Length > 0 && args[0] == "profile")
{
    Profile.Run(PretrainingCorpus.Create(64, seed: 5).Select(s => s.Audio.Samples).ToArray(), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256);
    return 0;
}

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: features-ab <other Asciml.Core.dll> [rounds] [clips]");
    return 2;
}

int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
int clips = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 320;
float[][] audio = PretrainingCorpus.Create(64, seed: 5).Select(s => s.Audio.Samples).ToArray();
Assembly other = new AssemblyLoadContext("other").LoadFromAssemblyPath(Path.GetFullPath(args[0]));
MethodInfo otherExtract = other.GetType("Asciml.Core.Features.FeatureExtractor")!.GetMethod("Extract", [typeof(float[])])!;
var variants = new (string Name, Func<float[], object> Extract)[]
{
    ("other", samples => otherExtract.Invoke(null, [samples])!),
    ("this", samples => FeatureExtractor.Extract(samples)),
};

var cpu = variants.Select(_ => new List<double>()).ToList();
for (int round = -1; round < rounds; round++)
{
    for (int v = 0; v < variants.Length; v++)
    {
        TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < clips; i++)
        {
            variants[v].Extract(audio[i % audio.Length]);
        }

        double ms = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds / clips;
        if (round >= 0)
        {
            cpu[v].Add(ms);
        }
    }
}

Console.WriteLine($"{BenchmarkEnvironment.ReadCpuModel()}, one thread, {rounds} rounds of {clips} clips, load {File.ReadAllText("/proc/loadavg").Trim()}");
for (int v = 0; v < variants.Length; v++)
{
    RepeatStats stats = RepeatStats.Of(cpu[v]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-6} CPU ms per clip median {stats.Median:0.0000} (min {stats.Min:0.0000}, max {stats.Max:0.0000})"));
}

double largest = 0;
string where = "";
foreach (float[] samples in audio)
{
    var a = Flatten(JsonSerializer.SerializeToElement(variants[0].Extract(samples)), "");
    var b = Flatten(JsonSerializer.SerializeToElement(variants[1].Extract(samples)), "");
    foreach ((string key, double value) in a)
    {
        double relative = Math.Abs(value - b[key]) / Math.Max(1e-9, Math.Abs(value));
        if (relative > largest)
        {
            (largest, where) = (relative, key);
        }
    }
}

Console.WriteLine($"largest relative difference of any feature: {largest:g3} ({where})");
return 0;

static Dictionary<string, double> Flatten(JsonElement element, string prefix)
{
    var values = new Dictionary<string, double>();
    switch (element.ValueKind)
    {
        case JsonValueKind.Object:
            foreach (JsonProperty property in element.EnumerateObject())
            {
                foreach (var pair in Flatten(property.Value, prefix + "." + property.Name))
                {
                    values[pair.Key] = pair.Value;
                }
            }

            break;
        case JsonValueKind.Array:
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                foreach (var pair in Flatten(item, $"{prefix}[{index++}]"))
                {
                    values[pair.Key] = pair.Value;
                }
            }

            break;
        case JsonValueKind.Number:
            values[prefix] = element.GetDouble();
            break;
        default:
            values[prefix] = double.NaN;
            break;
    }

    return values;
}
