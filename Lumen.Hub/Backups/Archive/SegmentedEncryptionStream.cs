using System.Security.Cryptography;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// Writes a version 2 backup: the header, the passphrase check, then what is written to it in
/// sealed segments of <see cref="ArchiveHeader.SegmentBytes"/>. .NET's AES-GCM seals one buffer
/// at a time, so a database of any size passes through one segment's worth of memory. The last
/// segment is sealed only by <see cref="Complete"/>: a writer that fails before then (and is
/// disposed on the way out) leaves a file every reader refuses as cut short.
/// </summary>
public sealed class SegmentedEncryptionStream : WriteOnlyForwardStream
{
    public const int TagBytes = 16;

    private readonly Stream _inner;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private int _filled;
    private uint _index;
    private bool _finished;

    public SegmentedEncryptionStream(Stream inner, string passphrase, BackupKeyCost? cost = null, int segmentBytes = ArchiveHeader.DefaultSegmentBytes)
    {
        var header = new ArchiveHeader(segmentBytes, cost ?? BackupKeyCost.Default, RandomNumberGenerator.GetBytes(BackupKey.SaltBytes), RandomNumberGenerator.GetBytes(ArchiveHeader.NoncePrefixBytes));
        _inner = inner;
        _header = header.ToBytes();
        _noncePrefix = header.NoncePrefix;
        _aes = new AesGcm(BackupKey.Derive(passphrase, header.Salt, header.Cost), TagBytes);
        _plain = new byte[segmentBytes];
        _sealed = new byte[segmentBytes + TagBytes];

        _inner.Write(_header);
        _inner.Write(PassphraseCheck.Seal(_aes, _noncePrefix, _header));
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            // A full segment is sealed only once more data arrives: until then it may be the last.
            if (_filled == _plain.Length) SealSegment(SegmentNonce.Middle);
            var take = Math.Min(buffer.Length, _plain.Length - _filled);
            buffer[..take].CopyTo(_plain.AsSpan(_filled));
            _filled += take;
            buffer = buffer[take..];
        }
    }

    private void SealSegment(byte flag)
    {
        if (_index == SegmentNonce.CheckIndex) throw new IOException("backup is larger than the format's 4 billion segments");
        var nonce = SegmentNonce.For(_noncePrefix, _index, flag);
        _aes.Encrypt(nonce, _plain.AsSpan(0, _filled), _sealed.AsSpan(0, _filled), _sealed.AsSpan(_filled, TagBytes), _header);
        _inner.Write(_sealed, 0, _filled + TagBytes);
        _index++;
        _filled = 0;
    }

    /// <summary>Seals the last segment: the file is whole from here on.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        SealSegment(SegmentNonce.Last);
        _finished = true;
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _finished = true;
            _aes.Dispose();
        }
        base.Dispose(disposing);
    }

    public override void Flush() => _inner.Flush();
    public override bool CanWrite => !_finished;
}

/// <summary>
/// Sixteen bytes after the header that tell a wrong passphrase from a damaged file: the tag of
/// sealing nothing under the reserved index, with the header as associated data.
/// </summary>
public static class PassphraseCheck
{
    public static byte[] Seal(AesGcm aes, byte[] noncePrefix, byte[] header)
    {
        var tag = new byte[SegmentedEncryptionStream.TagBytes];
        aes.Encrypt(SegmentNonce.For(noncePrefix, SegmentNonce.CheckIndex, SegmentNonce.Check), ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, header);
        return tag;
    }

    public static bool Opens(AesGcm aes, byte[] noncePrefix, byte[] header, byte[] tag)
    {
        try
        {
            aes.Decrypt(SegmentNonce.For(noncePrefix, SegmentNonce.CheckIndex, SegmentNonce.Check), ReadOnlySpan<byte>.Empty, tag, Span<byte>.Empty, header);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
