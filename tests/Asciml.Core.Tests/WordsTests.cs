namespace Asciml.Core.Tests;

/// <summary>The wording both shells use (issue 12: the CLI and the web each pluralised on their own).</summary>
public sealed class WordsTests
{
    [Fact]
    public void CountsAreWrittenWithTheRightPlural()
    {
        Assert.Equal("1 sound", Words.Sounds(1));
        Assert.Equal("0 sounds", Words.Sounds(0));
        Assert.Equal("2 epochs", Words.Count(2, "epoch"));
        Assert.Equal("3 analyses", Words.Count(3, "analysis", "analyses"));
    }

    [Theory]
    [InlineData(0, "none")]
    [InlineData(1, "+1 semitone")]
    [InlineData(-1, "−1 semitone")]
    [InlineData(-12, "−12 semitones")]
    [InlineData(7, "+7 semitones")]
    public void TranspositionsReadAsSemitones(int semitones, string expected) => Assert.Equal(expected, Words.Semitones(semitones));

    [Fact]
    public void DatesAreIsoStyleMinutes() =>
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", Words.Date(DateTimeOffset.UtcNow));
}
