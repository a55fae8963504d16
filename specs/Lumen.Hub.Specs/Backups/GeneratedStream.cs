using System.Security.Cryptography;

namespace Lumen.Hub.Specs.Backups;

/// <summary>
/// <paramref name="length"/> bytes made on the fly, never held whole, not seekable (as a backup
/// piped from the encryptor is), with their SHA-256 once read to the end. With
/// <paramref name="failAfter"/> set, reading past that many bytes throws, as a failing source would.
/// </summary>
public sealed class GeneratedStream(long length, long failAfter = long.MaxValue) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private ulong _state = 0x9E3779B97F4A7C15;

    public byte[] Sha256 => _position == length ? _hash.GetHashAndReset() : throw new InvalidOperationException("not read to the end");

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= failAfter) throw new IOException($"the source failed after {failAfter} bytes");
        var n = (int)Math.Min(buffer.Length, Math.Min(length, failAfter) - _position);
        for (var i = 0; i < n; i++)
        {
            // xorshift64: cheap bytes that do not compress, so nothing on the way can shrink them.
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }
        _hash.AppendData(buffer[..n]);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) => ValueTask.FromResult(Read(buffer.Span));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) => Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
