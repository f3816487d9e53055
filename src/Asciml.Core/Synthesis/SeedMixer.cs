namespace Asciml.Core.Synthesis;

/// <summary>
/// Derives per-sound seeds from (seed, index). Not <see cref="HashCode"/>: that is randomised per process, and the same
/// seed must give bit-identical sounds in every run.
/// </summary>
internal static class SeedMixer
{
    public static int Mix(int seed, int index, uint stream)
    {
        // SplitMix64 finaliser over the packed inputs.
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) ^ ((ulong)stream * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
