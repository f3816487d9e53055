using Asciml.Core.Audio;
using Asciml.Core.Storage;


namespace Asciml.Core.Tests;

/// <summary>Error kinds and their one mapping to exit codes and HTTP statuses.</summary>
public sealed class ErrorKindTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-kinds-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WorkspaceLookupsAreNotFoundAndBadAudioIsInvalidInput()
    {
        using (Workspace workspace = Workspace.Open(_folder))
        {
            Assert.Equal(ErrorKind.NotFound, Assert.ThrowsAny<AscimlException>(() => workspace.Sounds.Get("s-nope")).Kind);
            Assert.Equal(ErrorKind.NotFound, Assert.ThrowsAny<AscimlException>(() => workspace.Sounds.LoadModelInput("s-nope")).Kind);
            Assert.Equal(ErrorKind.NotFound, Assert.ThrowsAny<AscimlException>(() => workspace.Groups.GetByName("nope")).Kind);
        }

        Assert.Equal(ErrorKind.InvalidInput, Assert.ThrowsAny<AscimlException>(() => AudioFileReader.Read("hello"u8.ToArray(), "x.wav")).Kind);
        Assert.Equal(ErrorKind.Unavailable, new FfmpegMissingException("no ffmpeg").Kind);
    }

    [Theory]
    [InlineData(ErrorKind.InvalidInput, 400)]
    [InlineData(ErrorKind.NotFound, 404)]
    [InlineData(ErrorKind.Conflict, 409)]
    [InlineData(ErrorKind.Unavailable, 503)]
    public void EachKindHasItsStatusAndTheCliContractExitsOne(ErrorKind kind, int status)
    {
        Assert.Equal(status, ErrorKinds.HttpStatus(kind));
        Assert.Equal(1, ErrorKinds.ExitCode(kind));
        Assert.Equal(kind, ErrorKinds.Of(new AscimlException("x", kind)));
    }

    [Fact]
    public void OtherExceptionsGetAKindAndAOneLineMessage()
    {
        Assert.Equal(ErrorKind.NotFound, ErrorKinds.Of(new FileNotFoundException("gone")));
        Assert.Equal(ErrorKind.InvalidInput, ErrorKinds.Of(new InvalidOperationException("odd")));
        Assert.Equal("two lines", ErrorKinds.UiMessage(new AscimlException("two\nlines")));
        Assert.Equal("odd (InvalidOperationException)", ErrorKinds.UiMessage(new InvalidOperationException("odd")));
    }
}
