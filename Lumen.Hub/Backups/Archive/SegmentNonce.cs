using System.Buffers.Binary;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// The nonce of each version 2 segment: the file's random 7-byte prefix, the segment's index
/// (4 bytes, big-endian) and a last-segment flag byte. A segment moved, dropped or cut off
/// is therefore opened with a nonce other than the one it was sealed with, and fails.
/// </summary>
public static class SegmentNonce
{
    public const int Length = 12;

    /// <summary>The index of the passphrase check: never a segment's, so the check's tag cannot be swapped for a segment's.</summary>
    public const uint CheckIndex = uint.MaxValue;

    /// <summary>Flag byte values: a middle segment, the last one, and the passphrase check.</summary>
    public const byte Middle = 0x00, Last = 0x01, Check = 0x02;

    public static byte[] For(ReadOnlySpan<byte> prefix, uint index, byte flag)
    {
        var nonce = new byte[Length];
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(ArchiveHeader.NoncePrefixBytes), index);
        nonce[Length - 1] = flag;
        return nonce;
    }
}
