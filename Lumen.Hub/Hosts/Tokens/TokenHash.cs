using System.Buffers.Binary;

namespace Lumen.Hub.Hosts.Tokens;

/// <summary>A SHA-256 digest as four words, so it can key a dictionary without allocating.</summary>
public readonly record struct TokenHash(ulong A, ulong B, ulong C, ulong D)
{
    public static TokenHash From(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    public byte[] ToBytes()
    {
        var bytes = new byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), D);
        return bytes;
    }
}
