using Lumen.Hub.Backups.Archive;

namespace Lumen.Hub.Specs.Backups;

/// <summary>The backup file format: version 2 round trips and refuses every damaged file; the Go hub's version 1 reads.</summary>
public sealed class BackupArchiveSpecs
{
    private const string Passphrase = "correct horse battery staple";
    private static readonly byte[] Content = BackupFiles.Noise(5 * BackupFiles.SmallSegment + 123);

    [Fact]
    public void Version2_should_give_back_exactly_what_was_written_across_many_segments()
    {
        var file = BackupFiles.Version2(Content, Passphrase);

        Assert.Equal(Content, BackupFiles.Read(file, Passphrase));
        Assert.True(file.Length > 5 * BackupFiles.SmallSegment, "the content should span several segments");
    }

    [Fact]
    public void Version2_should_round_trip_content_that_fills_its_last_segment_exactly_and_empty_content()
    {
        var exact = BackupFiles.Noise(3 * BackupFiles.SmallSegment);
        Assert.Equal(exact, BackupFiles.Read(BackupFiles.Version2(exact, Passphrase), Passphrase));
        Assert.Empty(BackupFiles.Read(BackupFiles.Version2([], Passphrase), Passphrase));
    }

    [Fact]
    public void Version2_should_start_with_the_documented_header()
    {
        var file = BackupFiles.Version2(Content, Passphrase);

        Assert.Equal("LUMEN_BAK\0"u8.ToArray(), file[..10]);
        Assert.Equal(2, file[10]);
        Assert.Equal(1, file[11]); // gzip
        Assert.Equal(new byte[] { 0, 0, 0x10, 0 }, file[12..16]); // 4096-byte segments, big-endian
    }

    [Fact]
    public void Reading_should_refuse_a_wrong_passphrase_by_name()
    {
        var file = BackupFiles.Version2(Content, Passphrase);

        var error = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file, "not the passphrase"));
        Assert.Contains("wrong passphrase", error.Message);
    }

    [Theory]
    [InlineData(1)]    // one byte short: inside the last segment
    [InlineData(100)]  // mid-segment
    public void Reading_should_refuse_a_truncated_file(int cut)
    {
        var file = BackupFiles.Version2(Content, Passphrase);

        var error = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file[..^cut], Passphrase));
        Assert.Matches("cut short|changed or damaged", error.Message);
    }

    [Fact]
    public void Reading_should_say_cut_short_when_whole_segments_are_missing_from_the_end()
    {
        var file = BackupFiles.Version2(Content, Passphrase);
        var header = ArchiveHeader.Length + 16;
        var sealedSegment = BackupFiles.SmallSegment + 16;

        var twoSegments = file[..(header + 2 * sealedSegment)];
        var error = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(twoSegments, Passphrase));
        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void Reading_should_refuse_segments_in_another_order()
    {
        var file = BackupFiles.Version2(Content, Passphrase);
        var start = ArchiveHeader.Length + 16;
        var size = BackupFiles.SmallSegment + 16;
        var swapped = (byte[])file.Clone();
        Array.Copy(file, start, swapped, start + size, size);
        Array.Copy(file, start + size, swapped, start, size);

        var error = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(swapped, Passphrase));
        Assert.Contains("segment 0", error.Message);
    }

    [Theory]
    [InlineData(11)]    // the compression byte in the header
    [InlineData(60)]    // the passphrase check
    [InlineData(5000)]  // inside the first segment
    [InlineData(-5)]    // the last segment's tag
    public void Reading_should_refuse_a_single_changed_byte(int at)
    {
        var file = BackupFiles.Version2(Content, Passphrase);
        var index = at >= 0 ? at : file.Length + at;
        file[index] ^= 0x40;

        Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file, Passphrase));
    }

    [Fact]
    public void Reading_should_refuse_bytes_added_after_the_last_segment()
    {
        byte[] file = [.. BackupFiles.Version2(Content, Passphrase), .. new byte[40]];

        Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file, Passphrase));
    }

    [Fact]
    public void Reading_should_refuse_a_file_that_is_not_a_backup_and_an_unknown_version()
    {
        var notBackup = Assert.Throws<BackupFormatException>(() => BackupFiles.Read("SQLite format 3\0 and more"u8.ToArray(), Passphrase));
        Assert.Contains("not a Lumen backup", notBackup.Message);

        var file = BackupFiles.Version2(Content, Passphrase);
        file[10] = 9;
        var unknown = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file, Passphrase));
        Assert.Contains("version 9", unknown.Message);
    }

    [Fact]
    public void Reading_should_open_a_Go_hub_version_1_file_and_refuse_it_with_a_wrong_passphrase()
    {
        var database = BackupFiles.Noise(10_000);
        var file = BackupFiles.GoVersion1(database, Passphrase);

        Assert.Equal(database, BackupFiles.Read(file, Passphrase));
        var error = Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file, "wrong passphrase!"));
        Assert.Contains("wrong passphrase", error.Message);
        Assert.Throws<BackupFormatException>(() => BackupFiles.Read(file[..^3], Passphrase));
    }
}
