using System.Globalization;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.IO;

namespace Asciml.Core.Tests.IO;

public sealed class CsvTests
{
    [Fact]
    public void FieldsWithCommasQuotesAndLineBreaksAreQuotedTheRfc4180Way()
    {
        Assert.Equal("plain", Csv.Field("plain"));
        Assert.Equal("\"a,b\"", Csv.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Csv.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Csv.Field("two\nlines"));
        Assert.Equal("\"cr\rhere\"", Csv.Field("cr\rhere"));
        Assert.Equal("", Csv.Field(null));
        Assert.Equal("id,\"x, y\",,\"\"\"q\"\"\"", Csv.Line("id", "x, y", null, "\"q\""));
    }

    [Fact]
    public void NumbersAreCultureInvariantAndMissingIsEmpty()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            // A decimal-comma culture (built by hand: the test host may run in globalization-invariant mode).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            Assert.Equal("0.5", Csv.Number(0.5));
            Assert.Equal("1234.5678", Csv.Number(1234.5678));
            Assert.Equal("0.333333", Csv.Number(1.0 / 3, "g6"));
            Assert.Equal("", Csv.Number(null));
            Assert.Equal(0.1 + 0.2, double.Parse(Csv.Number(0.1 + 0.2), CultureInfo.InvariantCulture)); // "R" round-trips
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void TheFeaturesTableTakesItsColumnsFromTheDescriptorTable()
    {
        Assert.Equal(["file", "f0_hz", "voiced_fraction", "rms", "spectral_centroid_hz", "zero_crossing_rate"], FeatureCsv.Columns.Take(6));
        Assert.Equal(FeatureDescriptor.All.Select(d => d.Key), FeatureCsv.Columns.Skip(1).Take(FeatureDescriptor.All.Count));
        var samples = new float[ModelInputFormat.LengthSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = 0.5f * MathF.Sin(2 * MathF.PI * 220 * i / ModelInputFormat.SampleRateHz);
        }

        SoundFeatures features = FeatureExtractor.Extract(samples);
        using var writer = new StringWriter();
        FeatureCsv.Write(writer, [("tone, \"A3\".wav", features)]);
        string[] lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("\"tone, \"\"A3\"\".wav\",", lines[1], StringComparison.Ordinal);
        string[] cells = lines[1][lines[1].IndexOf(".wav\",", StringComparison.Ordinal)..].Split(',')[1..];
        Assert.Equal(FeatureCsv.Columns.Count - 1, cells.Length);
        Assert.Equal(features.Rms, double.Parse(cells[2], CultureInfo.InvariantCulture));
    }
}

public sealed class ModelInputCheckTests
{
    [Fact]
    public void OneCheckNamesTheSoundAndSaysWhatTheModelNeeds()
    {
        ModelInputFormat.Check(new MonoAudio(new float[ModelInputFormat.LengthSamples], ModelInputFormat.SampleRateHz), "ok");
        AscimlException wrongRate = Assert.Throws<AscimlException>(() => ModelInputFormat.Check(new MonoAudio(new float[16000], 44100), "sound 'kick'"));
        Assert.Contains("sound 'kick' is 16000 samples at 44100 Hz", wrongRate.Message, StringComparison.Ordinal);
        Assert.Contains("convert it first", wrongRate.Message, StringComparison.Ordinal);
        Assert.Throws<AscimlException>(() => ModelInputFormat.Check(new MonoAudio(new float[100], 16000), "short"));
        var broken = new float[ModelInputFormat.LengthSamples];
        broken[^1] = float.PositiveInfinity;
        Assert.Contains("NaN or infinite", Assert.Throws<AscimlException>(() => ModelInputFormat.Check(new MonoAudio(broken, 16000), "x")).Message, StringComparison.Ordinal);
        Assert.Contains("NaN or infinite", Assert.Throws<AscimlException>(() => ControlCurves.Extract(new MonoAudio(broken, 16000))).Message, StringComparison.Ordinal);
    }
}
