namespace Asciml.Model.Training;

/// <summary>What one finished epoch's mean loss says about the run.</summary>
public enum EpochVerdict
{
    /// <summary>A warm-up epoch (its loss mixes terms whose weights still change) or a non-finite loss (the trainer handles those).</summary>
    NotCompared,

    /// <summary>The lowest loss since the warm-ups ended: the weights worth keeping.</summary>
    Best,

    /// <summary>Not the lowest, within the normal ups and downs.</summary>
    Usual,

    /// <summary>More than <see cref="DivergenceWatch.Factor"/> times the best: training has blown up.</summary>
    Diverged,
}

/// <summary>
/// Watches the epochs' mean losses for a blow-up that is not a NaN. Measured reason (docs/PRETRAINING.md): the
/// timbre model with motion, pretrained at learning rate 10⁻³, went 6.47 (epoch 91) … 6.75 → 7.21 → 23.3 → 28 and
/// stayed there — finite numbers, so the NaN check let a ruined model be saved. An epoch above 3× the best one
/// after the warm-ups stops training; the trainer then goes back to the best epoch's weights.
/// </summary>
public sealed class DivergenceWatch(int steadyEpoch)
{
    public const double Factor = 3;

    /// <summary>The lowest mean loss of an epoch at or after the steady epoch, and that epoch.</summary>
    public (int Epoch, double Total)? Best { get; private set; }

    public EpochVerdict Observe(int epoch, double total)
    {
        if (epoch < steadyEpoch || !double.IsFinite(total))
        {
            return EpochVerdict.NotCompared;
        }

        if (Best is not { } best || total < best.Total)
        {
            Best = (epoch, total);
            return EpochVerdict.Best;
        }

        return total > Factor * best.Total ? EpochVerdict.Diverged : EpochVerdict.Usual;
    }
}
