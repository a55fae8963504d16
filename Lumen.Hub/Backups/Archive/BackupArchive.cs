using System.IO.Compression;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// A backup file as a whole: a SQLite database, gzipped and encrypted with a passphrase. Writes
/// version 2 (streaming); reads version 2 and the Go hub's version 1.
/// </summary>
public static class BackupArchive
{
    /// <summary>
    /// Fastest gzip: a database compresses to a fraction of its size either way, and the backup
    /// shares the machine's cores with ingest while it runs.
    /// </summary>
    public const CompressionLevel Compression = CompressionLevel.Fastest;

    /// <summary>Compresses and encrypts <paramref name="database"/> into <paramref name="destination"/>, which is left open.</summary>
    public static void Write(Stream database, Stream destination, string passphrase, BackupKeyCost? cost = null, int segmentBytes = ArchiveHeader.DefaultSegmentBytes)
    {
        using var encryption = new SegmentedEncryptionStream(destination, passphrase, cost, segmentBytes);
        using (var gzip = new GZipStream(encryption, Compression, leaveOpen: true))
            database.CopyTo(gzip, 1 << 16);
        encryption.Complete();
    }

    /// <summary>
    /// Decrypts and decompresses <paramref name="file"/> into <paramref name="database"/>. Every
    /// byte is authenticated before it is trusted, yet bytes reach <paramref name="database"/>
    /// as they are read: treat that output as unchecked until this returns.
    /// </summary>
    /// <returns>the format version read.</returns>
    /// <exception cref="BackupFormatException">what is wrong with the file, in words for the person restoring.</exception>
    public static byte Read(Stream file, Stream database, string passphrase)
    {
        var version = ArchiveHeader.ReadVersion(file);
        try
        {
            if (version == ArchiveHeader.GoVersion)
            {
                using var gzipped = new MemoryStream(GoArchive.Open(file, passphrase), writable: false);
                using var gzip = new GZipStream(gzipped, CompressionMode.Decompress);
                gzip.CopyTo(database, 1 << 16);
            }
            else
            {
                using var plain = new SegmentedDecryptionStream(file, passphrase);
                using var gzip = new GZipStream(plain, CompressionMode.Decompress);
                gzip.CopyTo(database, 1 << 16);
                // gzip stops at its own end; the rest must still be read to prove nothing was cut or added.
                if (plain.Read(new byte[1]) != 0) throw new BackupFormatException("this backup holds data after its compressed database; the file was changed");
            }
        }
        catch (InvalidDataException e)
        {
            throw new BackupFormatException($"this backup decrypts but does not decompress ({e.Message}); it was written wrongly");
        }
        return version;
    }
}
