using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.Tests.Storage;

/// <summary>
/// The stores read rows and files as the single Workspace class wrote them (same schema, lower-case enum text,
/// files named by id): a workspace written before the split opens and reads unchanged.
/// </summary>
public sealed class ExistingWorkspaceTests : TemporaryWorkspace
{
    [Fact]
    public void RowsAndFilesWrittenBeforeTheSplitReadUnchanged()
    {
        File.WriteAllBytes(Path.Combine(Workspace.SoundsFolder, "s-old0000001.wav"), WavWriter.ToBytes(Tone(440), WavSampleFormat.Float32));
        File.WriteAllBytes(Path.Combine(Workspace.OriginalsFolder, "s-old0000001.flac"), [7, 7]);
        File.WriteAllBytes(Path.Combine(Workspace.ModelsFolder, "m-old0000001.ascm"), [1]);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, Workspace.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand insert = connection.CreateCommand();
            insert.CommandText =
                """
                INSERT INTO groups VALUES ('g-old0000001', 'Old', '#0072b2', 'from before', '2026-01-02T03:04:05.0000000+00:00');
                INSERT INTO sounds (id, group_id, name, source, original_file_name, original_extension, created)
                    VALUES ('s-old0000001', 'g-old0000001', 'take 1', 'recorded', 'take 1.FLAC', '.flac', '2026-01-02T03:04:06.0000000+00:00');
                INSERT INTO models VALUES ('m-old0000001', 'old model', 'lite', 'm-old0000001.ascm', '{}', '{}', '2026-01-02T03:04:07.0000000+00:00');
                INSERT INTO settings VALUES ('current_model', 'm-old0000001');
                INSERT INTO training_runs VALUES ('r-old0000001', 'm-old0000001', '{}', 'completed', NULL, '2026-01-02T03:04:08.0000000+00:00', '2026-01-02T03:05:08.0000000+00:00');
                INSERT INTO training_epochs VALUES ('r-old0000001', 1, 3, 2, 1, NULL);
                """;
            insert.ExecuteNonQuery();
        }

        using Workspace reopened = Workspace.Open(Folder);
        Assert.Equal(new Group("g-old0000001", "Old", "#0072b2", "from before", DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture)),
            reopened.Groups.GetByName("old"));
        Sound sound = reopened.Sounds.Get("s-old0000001");
        Assert.Equal((SoundSource.Recorded, "take 1.FLAC", (DateTimeOffset?)null), (sound.Source, sound.OriginalFileName, sound.Deleted));
        Assert.Equal(Tone(440).Samples, reopened.Sounds.LoadModelInput(sound.Id).Samples);
        Assert.Equal([7, 7], File.ReadAllBytes(reopened.Sounds.OriginalPath(sound.Id)!));
        Assert.InRange(reopened.Sounds.GetFeatures(sound.Id).F0Hz!.Value, 430, 450); // computed now, cached in the old row
        Assert.Equal("m-old0000001", reopened.Models.Current!.Id);
        Assert.Equal([new TrainingRunEpoch(1, 3, 2, 1, null)], reopened.Runs.Get("r-old0000001").Epochs);
        Assert.Equal(TrainingStatus.Completed, reopened.Runs.List().Single().Status);
        Assert.True(WorkspaceDoctor.Check(reopened).IsConsistent);
    }
}
