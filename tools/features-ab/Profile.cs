using System.Diagnostics;
using System.Globalization;
using Asciml.Core.Features;

/// <summary>CPU time of each part of FeatureExtractor.Extract on one thread (the internal types, visible to this tool).</summary>
internal static class Profile
{
    public static void Run(float[][] audio, int clips)
    {
        var track = new YinTrack();
        var yin = new Yin();
        var spectrum = new RealPowerSpectrum(FrameLayout.FrameLength);
        var mel = new MelFilterBank(FrameLayout.FrameLength, FrameLayout.SampleRateHz, bandCount: 40);
        var frame = new double[FrameLayout.FrameLength];
        var power = new double[(FrameLayout.FrameLength / 2) + 1];
        var mfcc = new double[FeatureExtractor.MfccCount];
        var parts = new (string Name, Action<float[]> Run)[]
        {
            ("whole Extract", s => FeatureExtractor.Extract(s)),
            ("59 × YinTrack.Estimate", s =>
            {
                track.Start(s);
                for (int f = 0; f < FrameLayout.FrameCount(s.Length); f++)
                {
                    track.Estimate(f, Energy(s.AsSpan(f * FrameLayout.HopLength, FrameLayout.FrameLength)));
                }
            }),
            ("59 × Yin.Estimate (the per-frame reference)", s =>
            {
                for (int f = 0; f < FrameLayout.FrameCount(s.Length); f++)
                {
                    yin.Estimate(s.AsSpan(f * FrameLayout.HopLength, FrameLayout.FrameLength));
                }
            }),
            ("59 × RealPowerSpectrum.Compute", s => Frames(s, frame, () => spectrum.Compute(frame, power))),
            ("59 × MelFilterBank.Mfcc", s => Frames(s, frame, () => mel.Mfcc(power, mfcc))),
            ("AttackTimeSeconds", s => FeatureExtractor.AttackTimeSeconds(s)),
            ("ZeroCrossingRate + ClipRms", s => { FeatureExtractor.ZeroCrossingRate(s); FeatureExtractor.ClipRms(s); }),
        };
        foreach (var part in parts)
        {
            for (int i = 0; i < 64; i++)
            {
                part.Run(audio[i % audio.Length]); // let the JIT tiers settle
            }
        }

        // Parts round-robin, 5 rounds, medians: the load changes within seconds on the shared machine.
        var cpu = parts.Select(_ => new List<double>()).ToList();
        for (int round = 0; round < 5; round++)
        {
            for (int p = 0; p < parts.Length; p++)
            {
                TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;
                for (int i = 0; i < clips; i++)
                {
                    parts[p].Run(audio[i % audio.Length]);
                }

                cpu[p].Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds / clips);
            }
        }

        Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (int p = 0; p < parts.Length; p++)
        {
            double median = cpu[p].Order().ElementAt(cpu[p].Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parts[p].Name,-56} {median:0.0000} CPU ms per clip (median of 5)"));
        }
    }

    private static double Energy(ReadOnlySpan<float> x)
    {
        double energy = 0;
        foreach (float value in x)
        {
            energy += (double)value * value;
        }

        return energy;
    }

    private static void Frames(float[] samples, double[] frame, Action run)
    {
        for (int f = 0; f < FrameLayout.FrameCount(samples.Length); f++)
        {
            for (int n = 0; n < frame.Length; n++)
            {
                frame[n] = samples[(f * FrameLayout.HopLength) + n];
            }

            run();
        }
    }
}
