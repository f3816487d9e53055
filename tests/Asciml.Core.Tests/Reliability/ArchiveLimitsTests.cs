using System.IO.Compression;
using System.Text;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;

namespace Asciml.Core.Tests.Reliability;

/// <summary>Issue 11, finding 5: archives are held to limits before anything is written, and a damaged one leaves nothing behind.</summary>
public sealed class ArchiveLimitsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-archive-").FullName;
    private readonly Workspace _workspace;

    public ArchiveLimitsTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Zip(string name, params (string Entry, byte[] Content)[] entries)
    {
        string path = Path.Combine(_folder, name);
        using ZipArchive archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach ((string entry, byte[] content) in entries)
        {
            using Stream stream = archive.CreateEntry(entry, CompressionLevel.Fastest).Open();
            stream.Write(content);
        }

        return path;
    }

    private static (string, byte[]) Manifest(string json) => ("manifest.json", Encoding.UTF8.GetBytes(json));

    private void AssertUntouched()
    {
        Assert.Empty(_workspace.Groups.List());
        Assert.Empty(_workspace.Sounds.List());
        Assert.Empty(Directory.GetFiles(_workspace.SoundsFolder));
        Assert.Empty(Directory.GetFiles(_workspace.OriginalsFolder));
    }

    [Theory]
    [InlineData("{}", "manifest.json has no format_version")]
    [InlineData("null", "manifest.json is empty")]
    [InlineData("""{"format_version":1}""", "manifest.json has no groups list")]
    [InlineData("""{"format_version":1,"groups":[],"sounds":null}""", "manifest.json has no sounds list")]
    [InlineData("""{"format_version":1,"groups":[{"name":null}],"sounds":[]}""", "manifest.json group 1 has no name")]
    [InlineData("""{"format_version":1,"groups":[null],"sounds":[]}""", "manifest.json group 1 has no name")]
    [InlineData("""{"format_version":1,"groups":[],"sounds":[null]}""", "manifest.json sound 1 is empty")]
    [InlineData("""{"format_version":1,"groups":[],"sounds":[{"name":"a","group":"g","file":null}]}""", "manifest.json sound 1 has no file")]
    [InlineData("""{"format_version":1,"groups":[],"sounds":[{"name":"a","group":null,"file":"x.wav"}]}""", "manifest.json sound 1 has no group")]
    [InlineData("""{"format_version":1,"groups":[],"sounds":[{"name":"a","group":"g","file":"x.wav"}]}""", "x.wav is listed in manifest.json but missing")]
    [InlineData("""{"format_version":1,"groups":[{"name":"g","colour":"red"}],"sounds":[]}""", null)]
    [InlineData("[1,2]", "manifest.json is not valid")]
    public void DamagedManifestsBecomeOneLineDamagedArchiveMessages(string json, string? expected)
    {
        // Finding 5: a manifest `{}` or null fields gave NullReference/ArgumentNull exceptions.
        string zip = Zip("damaged.zip", Manifest(json));
        if (expected is null)
        {
            DatasetArchive.Import(_workspace, zip);
            Assert.Equal("g", Assert.Single(_workspace.Groups.List()).Name); // a bad colour is not fatal
            return;
        }

        var error = Assert.Throws<WorkspaceException>(() => DatasetArchive.Import(_workspace, zip));
        Assert.StartsWith($"{zip}: damaged archive (", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        AssertUntouched();
    }

    [Fact]
    public void TooManyEntriesAreRefusedBeforeAnythingIsWritten()
    {
        // Finding 5: a 59 KB archive with 20 000 entries ran past 120 s and left 8 419 orphan files and an empty group.
        string path = Path.Combine(_folder, "many.zip");
        using (ZipArchive archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            for (int i = 0; i <= DatasetArchive.MaxEntries; i++)
            {
                archive.CreateEntry($"g/{i}.wav", CompressionLevel.NoCompression);
            }

            using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
            writer.Write("""{"format_version":1,"groups":[{"name":"g"}],"sounds":[]}""");
        }

        var error = Assert.Throws<WorkspaceException>(() => DatasetArchive.Import(_workspace, path));
        Assert.Contains($"more than the {DatasetArchive.MaxEntries} allowed", error.Message);
        AssertUntouched();
    }

    [Fact]
    public void AnEntryExpandingBeyondOneSoundIsRefusedByItsDeclaredSize()
    {
        // Finding 5: a 194 KB archive expanded to 5.7 GB of memory over 87 s.
        string zip = Zip("bomb.zip", Manifest("""{"format_version":1,"groups":[],"sounds":[]}"""), ("g/zeros.wav", new byte[(int)AudioFileReader.MaxFileBytes + 1]));
        var error = Assert.Throws<WorkspaceException>(() => DatasetArchive.Import(_workspace, zip));
        Assert.Contains("g/zeros.wav expands to 200 MB, more than one sound may", error.Message);
        AssertUntouched();
    }

    [Fact]
    public void ManyHighlyCompressedEntriesAreRefusedByTheRatio()
    {
        byte[] zeros = new byte[48 * 1024 * 1024];
        var entries = Enumerable.Range(0, 6).Select(i => ($"g/{i}.wav", zeros)).Prepend(Manifest("""{"format_version":1,"groups":[],"sounds":[]}""")).ToArray();
        string zip = Zip("ratio.zip", entries);
        var error = Assert.Throws<WorkspaceException>(() => DatasetArchive.Import(_workspace, zip));
        Assert.Contains("times its size (a zip bomb?)", error.Message);
        AssertUntouched();
    }

    [Fact]
    public void ABadSoundAfterGoodOnesLeavesNoGroupsAndNoFiles()
    {
        // Finding 5: 5 of 29 broken archives left empty groups.
        MonoAudio clip = ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = 220 }));
        byte[] wav = WavWriter.ToBytes(clip, WavSampleFormat.Float32);
        string zip = Zip("half.zip",
            Manifest("""
                {"format_version":1,"groups":[{"name":"fresh","colour":"#112233","description":""}],
                 "sounds":[{"name":"a","group":"fresh","source":"uploaded","file":"fresh/a.wav"},
                           {"name":"b","group":"fresh","source":"uploaded","file":"fresh/b.wav"}]}
                """),
            ("fresh/a.wav", wav),
            ("fresh/b.wav", "RIFF....WAVEjunk"u8.ToArray()));
        var error = Assert.Throws<CorruptAudioFileException>(() => DatasetArchive.Import(_workspace, zip));
        Assert.Contains("fresh/b.wav", error.Message);
        AssertUntouched();
    }

    [Fact]
    public void AFailedAddRemovesTheGroupsTheImportMade()
    {
        MonoAudio clip = ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = 220 }));
        string zip = Zip("ok.zip",
            Manifest("""{"format_version":1,"groups":[],"sounds":[{"name":"a","group":"new","source":"uploaded","file":"new/a.wav"}]}"""),
            ("new/a.wav", WavWriter.ToBytes(clip, WavSampleFormat.Float32)));
        Directory.Delete(_workspace.SoundsFolder, recursive: true);
        File.WriteAllText(_workspace.SoundsFolder, "a file where the sounds folder was"); // every clip write now fails
        Assert.ThrowsAny<Exception>(() => DatasetArchive.Import(_workspace, zip));
        Assert.Empty(_workspace.Groups.List());
        Assert.Empty(_workspace.Sounds.List());
        File.Delete(_workspace.SoundsFolder);
        Directory.CreateDirectory(_workspace.SoundsFolder);
    }
}
