namespace Asciml.Core.Synthesis;

/// <summary>
/// A 2-pole (12 dB/octave) state-variable filter in the topology-preserving (trapezoidal) form of Zavalishin. It
/// stays stable for every cutoff below Nyquist and every damping above zero, even when both change each sample,
/// which is what a filter envelope does.
/// </summary>
internal sealed class StateVariableFilter
{
    private double _state1;
    private double _state2;

    /// <summary>Maps resonance 0..1 to damping 2..0.05 (Q 0.5..20): never zero, so it never self-oscillates to infinity.</summary>
    public static double DampingFor(double resonance) => 2.0 - (1.95 * Math.Clamp(resonance, 0, 1));

    public double Process(double input, double cutoffHz, double damping, int sampleRateHz, string filterType)
    {
        double safeCutoff = Math.Clamp(cutoffHz, 10, 0.45 * sampleRateHz);
        double g = Math.Tan(Math.PI * safeCutoff / sampleRateHz);
        double a1 = 1 / (1 + (g * (g + damping)));
        double a2 = g * a1;
        double a3 = g * a2;
        double v3 = input - _state2;
        double band = (a1 * _state1) + (a2 * v3);
        double low = _state2 + (a2 * _state1) + (a3 * v3);
        _state1 = (2 * band) - _state1;
        _state2 = (2 * low) - _state2;
        return filterType switch
        {
            "lowpass" => low,
            "highpass" => input - (damping * band) - low,
            "bandpass" => band * damping, // unity gain at the centre frequency
            _ => throw new SynthesisParameterException($"unknown filter type '{filterType}'"),
        };
    }
}
