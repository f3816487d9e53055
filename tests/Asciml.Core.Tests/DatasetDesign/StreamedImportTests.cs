using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Tests.Storage;

namespace Asciml.Core.Tests.DatasetDesign;

/// <summary>Issue 11, findings 2 and 6, and issue 12: streamed uploads go through the core's one import path, streamed to disk.</summary>
public sealed class StreamedImportTests : TemporaryWorkspace
{
    private static byte[] GoodWav(double f0Hz = 220) => WavWriter.ToBytes(Tone(f0Hz), WavSampleFormat.Pcm16);

    private async Task<ImportOutcome> Import(string groupId, string fileName, long declaredBytes, Func<long, Stream> open, CancellationToken cancellation) =>
        (await SoundImport.StreamsAsync(Workspace, groupId, [new StreamedFile(fileName, declaredBytes, open)], cancellation))[0];

    [Fact]
    public async Task ABadFileBesideAGoodOneIsListedAndTheGoodOneLands()
    {
        // Before: a bad file beside a good one added nothing and showed nothing.
        Group group = Workspace.Groups.Create("up");
        ImportOutcome good = await Import(group.Id, "good.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome bad = await Import(group.Id, "bad.wav", 5, _ => new MemoryStream("hello"u8.ToArray()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome huge = await Import(group.Id, "huge.wav", AudioFileReader.MaxFileBytes + 1,
            _ => throw new InvalidOperationException("never opened"), Xunit.TestContext.Current.CancellationToken);

        Assert.NotNull(good.Sound);
        Assert.Equal("good", good.Sound!.Name);
        Assert.Null(bad.Sound);
        Assert.StartsWith("bad.wav: ", bad.Error);
        Assert.DoesNotContain("asciml-upload-", bad.Error); // the temporary path is not shown
        Assert.Contains("over the 200 MB limit", huge.Error);
        Assert.Single(Workspace.Sounds.List(group.Id));
        Assert.True(WorkspaceDoctor.Check(Workspace).IsConsistent);
    }

    [Fact]
    public async Task AnInterruptedUploadIsOneLineAndLeavesNothing()
    {
        Group group = Workspace.Groups.Create("up");
        ImportOutcome cut = await Import(group.Id, "cut.wav", 100, _ => new FailingStream(), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("cut.wav: upload interrupted (connection lost)", cut.Error);
        Assert.Empty(Workspace.Sounds.List());
    }

    [Fact]
    public async Task MemoryReturnsToBaselineAfterABigUpload()
    {
        // Before: a 199 MB upload left the server at 2.6 GB for good (a MemoryStream, then a copy of it, per file).
        Group group = Workspace.Groups.Create("big");
        string big = Path.Combine(Folder, "big.wav");
        const int frames = 199 * 1024 * 1024 / 4; // 16-bit stereo
        using (var file = new FileStream(big, FileMode.CreateNew))
        using (var writer = new BinaryWriter(file))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + (frames * 4));
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)2);
            writer.Write(48_000);
            writer.Write(48_000 * 4);
            writer.Write((short)4);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(frames * 4);
            byte[] second = new byte[48_000 * 4];
            for (int i = 0; i < 48_000; i++)
            {
                short v = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 48_000.0));
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan(i * 4), v);
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan((i * 4) + 2), v);
            }

            for (long written = 0; written < frames * 4L; written += second.Length)
            {
                writer.Write(second, 0, (int)Math.Min(second.Length, (frames * 4L) - written));
            }
        }

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        ImportOutcome outcome = await Import(group.Id, "big.wav", new FileInfo(big).Length,
            _ => new FileStream(big, FileMode.Open, FileAccess.Read), Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(outcome.Sound);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"managed heap: {baseline / 1048576} MB before, {after / 1048576} MB after; committed {committed / 1048576} MB");
        Assert.True(after - baseline < 64L * 1024 * 1024, $"{(after - baseline) / 1048576} MB more after the upload");
        Assert.True(committed < 256L * 1024 * 1024, $"{committed / 1048576} MB still committed by the GC");
    }

    [Fact]
    public async Task TheSameFileTwiceIsSkippedNotImportedAgain()
    {
        Group group = Workspace.Groups.Create("twice");
        ImportOutcome first = await Import(group.Id, "a.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome again = await Import(group.Id, "b.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(first.Sound);
        Assert.StartsWith(ImportOutcome.SkippedPrefix, again.Error);
        Assert.True(again.Skipped);
        Assert.Single(Workspace.Sounds.List(group.Id));
    }

    [Fact]
    public async Task EveryFileIsReportedInOrderAndReceivedIsCounted()
    {
        Group group = Workspace.Groups.Create("order");
        var counts = new List<int>();
        IReadOnlyList<ImportOutcome> outcomes = await SoundImport.StreamsAsync(Workspace, group.Id,
        [
            new StreamedFile("low.wav", 1, _ => new MemoryStream(GoodWav(110))),
            new StreamedFile("../../etc/bad.wav", 5, _ => new MemoryStream("hello"u8.ToArray())),
            new StreamedFile("high.wav", 1, _ => new MemoryStream(GoodWav(880))),
        ], Xunit.TestContext.Current.CancellationToken, counts.Add);

        Assert.Equal([1, 2, 3], counts);
        Assert.Equal(["low.wav", "../../etc/bad.wav", "high.wav"], outcomes.Select(o => o.File));
        Assert.Equal(["low", "high"], Workspace.Sounds.List(group.Id).Select(s => s.Name));
        Assert.Null(outcomes[1].Sound);
        Assert.Equal("2 imported, 1 failed", ImportOutcome.Summary(outcomes));
    }

    [Theory]
    [InlineData("song.wav", "song.wav")]
    [InlineData("C:\\Users\\me\\take.wav", "take.wav")]
    [InlineData("../../secret.wav", "secret.wav")]
    [InlineData("...", "upload.wav")]
    [InlineData("a\u0001b.wav", "a_b.wav")]
    public void ASendersFileNameBecomesASafeLocalName(string sent, string expected) => Assert.Equal(expected, SoundImport.SafeFileName(sent));

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection lost");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }}
