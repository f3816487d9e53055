using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Asciml.Core.Features;

/// <summary>CPU time of each part of FeatureExtractor.Extract on one thread (internal types reached by reflection).</summary>
internal static class Profile
{
    public static void Run(float[][] audio, int clips)
    {
        Assembly core = typeof(FeatureExtractor).Assembly;
        Type yinType = core.GetType("Asciml.Core.Features.Yin")!;
        ConstructorInfo yinConstructor = yinType.GetConstructors().Single();
        object yin = yinConstructor.Invoke(yinConstructor.GetParameters().Select(p => p.DefaultValue).ToArray());
        MethodInfo estimateMethod = yin.GetType().GetMethod("Estimate", [typeof(ReadOnlySpan<float>)])!;
        object spectrum = Activator.CreateInstance(core.GetType("Asciml.Core.Features.RealPowerSpectrum")!, [1024])!;
        MethodInfo compute = spectrum.GetType().GetMethod("Compute")!;
        var parts = new (string Name, Action<float[]> Run)[]
        {
            ("whole Extract", s => FeatureExtractor.Extract(s)),
            ("59 × Yin.Estimate", s => YinAll(yin, estimateMethod, s)),
            ("59 × RealPowerSpectrum.Compute", s => SpectrumAll(spectrum, compute, s)),
            ("AttackTimeSeconds", s => FeatureExtractor.AttackTimeSeconds(s)),
            ("ZeroCrossingRate + ClipRms", s => { FeatureExtractor.ZeroCrossingRate(s); FeatureExtractor.ClipRms(s); }),
        };
        foreach (var part in parts)
        {
            for (int i = 0; i < 64; i++)
            {
                part.Run(audio[i % audio.Length]); // let the JIT tiers settle
            }

            TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < clips; i++)
            {
                part.Run(audio[i % audio.Length]);
            }

            double ms = (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds / clips;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part.Name,-56} {ms:0.0000} CPU ms per clip"));
        }
    }

    private delegate double? EstimateDelegate(ReadOnlySpan<float> frame);

    private delegate void ComputeDelegate(ReadOnlySpan<double> frame, Span<double> power);

    private static void YinAll(object yin, MethodInfo method, float[] samples)
    {
        var estimate = method.CreateDelegate<EstimateDelegate>(yin);
        for (int frame = 0; frame < FrameLayout.FrameCount(samples.Length); frame++)
        {
            estimate(samples.AsSpan(frame * FrameLayout.HopLength, FrameLayout.FrameLength));
        }
    }

    private static readonly double[] Buffer = new double[1024];
    private static readonly double[] Power = new double[513];

    private static void SpectrumAll(object spectrum, MethodInfo method, float[] samples)
    {
        var compute = method.CreateDelegate<ComputeDelegate>(spectrum);
        for (int frame = 0; frame < FrameLayout.FrameCount(samples.Length); frame++)
        {
            for (int n = 0; n < 1024; n++)
            {
                Buffer[n] = samples[(frame * FrameLayout.HopLength) + n];
            }

            compute(Buffer, Power);
        }
    }
}
