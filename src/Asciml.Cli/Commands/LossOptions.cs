using System.CommandLine;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>The loss options shared by `train`, `pretrain` and `bench quality` (defaults: <see cref="LossSettings.Default"/>).</summary>
internal sealed class LossOptions
{
    private readonly Option<double> _beta = new("--beta") { Description = "Weight of the KL term", DefaultValueFactory = _ => LossSettings.Default.Beta };
    private readonly Option<int> _betaWarmup = new("--beta-warmup") { Description = "Epochs over which the KL weight ramps up", DefaultValueFactory = _ => LossSettings.Default.BetaWarmupEpochs };
    private readonly Option<double> _stftWeight = new("--stft-weight") { Description = "Weight of the multi-resolution STFT distance (0 = off)", DefaultValueFactory = _ => LossSettings.Default.StftWeight };
    private readonly Option<double> _spectralWeight = new("--spectral-weight")
    {
        Description = "lite/paper: weight of the linear + log magnitude spectral loss after the MSE warm-up (0 = waveform MSE only, the measured default)",
        DefaultValueFactory = _ => LossSettings.Default.SpectralWeight,
    };
    private readonly Option<int> _mseWarmup = new("--mse-warmup")
    {
        Description = "lite/paper: epochs of waveform MSE alone before the spectral loss begins",
        DefaultValueFactory = _ => LossSettings.Default.MseWarmupEpochs,
    };
    private readonly Option<int> _spectralRamp = new("--spectral-ramp")
    {
        Description = "lite/paper: epochs over which MSE crossfades into the spectral loss (0 = switch at once)",
        DefaultValueFactory = _ => LossSettings.Default.SpectralRampEpochs,
    };
    private readonly Option<double> _mseKeep = new("--mse-keep")
    {
        Description = "lite/paper: weight of the waveform MSE kept beside the spectral loss (0 = none)",
        DefaultValueFactory = _ => LossSettings.Default.MseKeepWeight,
    };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _beta, _betaWarmup, _stftWeight, _spectralWeight, _mseWarmup, _spectralRamp, _mseKeep })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings the options give (validated by the caller, once, with the rest of its settings).</summary>
    public LossSettings Settings(ParseResult parseResult) =>
        new(parseResult.GetValue(_beta), parseResult.GetValue(_betaWarmup), parseResult.GetValue(_stftWeight))
        {
            SpectralWeight = parseResult.GetValue(_spectralWeight),
            MseWarmupEpochs = parseResult.GetValue(_mseWarmup),
            SpectralRampEpochs = parseResult.GetValue(_spectralRamp),
            MseKeepWeight = parseResult.GetValue(_mseKeep),
        };
}
