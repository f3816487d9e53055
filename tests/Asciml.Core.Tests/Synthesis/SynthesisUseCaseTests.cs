using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Synthesis;

/// <summary>Decisions the web and the CLI used to make each on their own: slider mapping and sound names.</summary>
public sealed class SynthesisUseCaseTests
{
    [Fact]
    public void LogarithmicSlidersMoveEvenlyInOctavesAndRoundTrip()
    {
        SynthParameter carrier = ParameterCatalogue.For(SynthesisMethod.Fm).Single(p => p.Name == "carrier_hz");
        Assert.Equal(ParameterScale.Logarithmic, carrier.Scale);
        double middle = carrier.FromSliderFraction(0.5);
        Assert.Equal(Math.Sqrt(carrier.Minimum * carrier.Maximum), middle, 6); // the geometric mean: as many octaves each side
        Assert.Equal(carrier.Minimum, carrier.FromSliderFraction(0), 9);
        Assert.Equal(carrier.Maximum, carrier.FromSliderFraction(1), 6);
        foreach (SynthParameter parameter in ParameterCatalogue.For(SynthesisMethod.Subtractive).Where(p => !p.IsChoice))
        {
            double fraction = parameter.ToSliderFraction(parameter.Default);
            Assert.InRange(fraction, 0, 1);
            double back = parameter.FromSliderFraction(fraction);
            Assert.Equal(parameter.IsInteger ? Math.Round(parameter.Default) : parameter.Default, back, 6);
        }

        Assert.Equal("220 Hz", carrier.FormatWithUnit(220));
    }

    [Fact]
    public void StartsRangesAndLabelsAreSaidOnceForThePanelAndTheCli()
    {
        // Issue 12: `synth --list-params`, `synth --preset` and the Synthesis panel each had their own copy.
        Assert.Equal(SynthSettings.Defaults(SynthesisMethod.Fm).Values, SynthPresets.Start(SynthesisMethod.Fm, null).Values);
        Assert.Equal(SynthSettings.Defaults(SynthesisMethod.Fm).Values, SynthPresets.Start(SynthesisMethod.Fm, "").Values);
        SynthPreset hiHat = SynthPresets.Find(SynthesisMethod.Subtractive, "hi-hat");
        Assert.Equal(hiHat.ToSettings().Values, SynthPresets.Start(SynthesisMethod.Subtractive, "HI-HAT").Values);
        Assert.Throws<SynthesisParameterException>(() => SynthPresets.Start(SynthesisMethod.Am, "hi-hat"));

        Assert.Equal("30..4000 Hz", ParameterCatalogue.For(SynthesisMethod.Fm).Single(p => p.Name == "carrier_hz").Range);
        SynthParameter wave = ParameterCatalogue.For(SynthesisMethod.Am).Single(p => p.Name == "carrier_waveform");
        Assert.Equal(string.Join("|", wave.Choices!), wave.Range);
        Assert.Equal("FM (frequency modulation)", SynthesisMethod.Fm.Label());
        Assert.Equal(4, Enum.GetValues<SynthesisMethod>().Select(m => m.Label()).Distinct().Count());
    }

    [Fact]
    public void SoundsAreNamedAfterThePresetElseTheMethod()
    {
        SynthSettings bell = SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings();
        Assert.Equal("bell-0001", VariationGenerator.RenderOne(bell, "bell").Name);
        Assert.Equal("fm-0001", VariationGenerator.RenderOne(bell).Name);
        Assert.Equal(["bell-0001", "bell-0002"], VariationGenerator.Render(bell, 2, seed: 1, preset: "bell").Select(s => s.Name));
        Assert.Equal(bell.ToJson(), VariationGenerator.RenderOne(bell, "bell").Parameters.ToJson());
    }
}
