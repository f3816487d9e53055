namespace Asciml.Core.Synthesis;

/// <summary>Linear ADSR envelope: attack to 1, decay to sustain, hold until the note ends, release to 0.</summary>
public readonly record struct AdsrEnvelope(double AttackSeconds, double DecaySeconds, double Sustain, double ReleaseSeconds, double NoteSeconds)
{
    public static AdsrEnvelope From(SynthSettings settings) => new(
        settings["attack_s"], settings["decay_s"], settings["sustain"], settings["release_s"], settings["note_s"]);

    public double LevelAt(double timeSeconds)
    {
        double held = HeldLevelAt(Math.Min(timeSeconds, NoteSeconds));
        if (timeSeconds <= NoteSeconds)
        {
            return held;
        }

        double released = (timeSeconds - NoteSeconds) / ReleaseSeconds;
        return released >= 1 ? 0 : held * (1 - released);
    }

    private double HeldLevelAt(double t)
    {
        if (t < AttackSeconds)
        {
            return t / AttackSeconds;
        }

        double intoDecay = t - AttackSeconds;
        return intoDecay < DecaySeconds ? 1 - ((1 - Sustain) * intoDecay / DecaySeconds) : Sustain;
    }

    public float[] Render(int sampleRateHz, int length)
    {
        var levels = new float[length];
        for (int i = 0; i < length; i++)
        {
            levels[i] = (float)LevelAt((double)i / sampleRateHz);
        }

        return levels;
    }
}
