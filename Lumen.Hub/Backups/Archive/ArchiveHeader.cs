using System.Buffers.Binary;
using System.Text;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// The start every backup file shares, <c>LUMEN_BAK\0</c> and a version byte, and the rest of
/// version 2's header (docs/backups.md has it byte by byte). Version 1 is the Go hub's.
/// </summary>
public sealed record ArchiveHeader(int SegmentBytes, BackupKeyCost Cost, byte[] Salt, byte[] NoncePrefix)
{
    public static ReadOnlySpan<byte> Magic => "LUMEN_BAK\0"u8;
    public const byte GoVersion = 0x01;
    public const byte StreamingVersion = 0x02;
    public const byte Gzip = 0x01;

    /// <summary>magic 10, version 1, compression 1, segment size 4, Argon2id passes 4, memory 4, lanes 4, salt 16, nonce prefix 7.</summary>
    public const int Length = 51;
    public const int NoncePrefixBytes = 7;

    /// <summary>1 MiB: large enough that the 16-byte tags cost nothing, small enough that reading holds little.</summary>
    public const int DefaultSegmentBytes = 1024 * 1024;
    public const int MinSegmentBytes = 4 * 1024;
    public const int MaxSegmentBytes = 16 * 1024 * 1024;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        Magic.CopyTo(bytes);
        bytes[10] = StreamingVersion;
        bytes[11] = Gzip;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), (uint)SegmentBytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)Cost.Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)Cost.MemoryKib);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)Cost.Parallelism);
        Salt.CopyTo(bytes, 28);
        NoncePrefix.CopyTo(bytes, 44);
        return bytes;
    }

    /// <summary>Reads the version byte after the magic; refuses anything that is not a backup.</summary>
    public static byte ReadVersion(Stream file)
    {
        Span<byte> start = stackalloc byte[11];
        if (file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length || !start[..10].SequenceEqual(Magic))
            throw new BackupFormatException("this file is not a Lumen backup (it does not start with LUMEN_BAK)");
        if (start[10] is not (GoVersion or StreamingVersion))
            throw new BackupFormatException($"this backup is format version {start[10]}, which this hub does not know (it reads 1, the Go hub's, and 2)");
        return start[10];
    }

    /// <summary>The rest of a version 2 header, after <see cref="ReadVersion"/>.</summary>
    public static ArchiveHeader ReadStreamingRest(Stream file)
    {
        var rest = new byte[Length - 11];
        if (file.ReadAtLeast(rest, rest.Length, throwOnEndOfStream: false) < rest.Length)
            throw new BackupFormatException("this backup is cut short inside its header");
        if (rest[0] != Gzip)
            throw new BackupFormatException($"this backup names compression {rest[0]}, which this hub does not know (1 is gzip)");
        var segment = BinaryPrimitives.ReadUInt32BigEndian(rest.AsSpan(1));
        var cost = new BackupKeyCost(
            (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(rest.AsSpan(5)), int.MaxValue),
            (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(rest.AsSpan(9)), int.MaxValue),
            (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(rest.AsSpan(13)), int.MaxValue));
        if (segment is < MinSegmentBytes or > MaxSegmentBytes || !cost.IsWithinLimits)
            throw new BackupFormatException("this backup's header asks for sizes no Lumen hub writes; the file was changed or damaged");
        return new ArchiveHeader((int)segment, cost, rest.AsSpan(17, BackupKey.SaltBytes).ToArray(), rest.AsSpan(33, NoncePrefixBytes).ToArray());
    }

    public static string Describe(byte version) => version == GoVersion ? "version 1 (Go hub)" : "version 2";
}
