using System.Security.Cryptography;

namespace Lumen.Hub.Backups.Archive;

/// <summary>
/// Reads a version 2 backup after its header: checks the passphrase first, then opens one
/// segment at a time and hands out its plain bytes. A segment that fails, a file that ends
/// without its last segment, or bytes after it, throw <see cref="BackupFormatException"/>.
/// </summary>
public sealed class SegmentedDecryptionStream : ReadOnlyForwardStream
{
    private const int TagBytes = SegmentedEncryptionStream.TagBytes;

    private readonly Stream _inner;
    private readonly AesGcm _aes;
    private readonly byte[] _header;
    private readonly byte[] _noncePrefix;
    private readonly byte[] _sealed;
    private readonly byte[] _plain;
    private int _sealedFilled;
    private int _plainStart, _plainEnd;
    private uint _index;
    private bool _sawLast;

    /// <summary>Reads the rest of the header and the passphrase check from <paramref name="inner"/>, positioned after the version byte.</summary>
    public SegmentedDecryptionStream(Stream inner, string passphrase)
    {
        var header = ArchiveHeader.ReadStreamingRest(inner);
        _inner = inner;
        _header = header.ToBytes();
        _noncePrefix = header.NoncePrefix;
        _aes = new AesGcm(BackupKey.Derive(passphrase, header.Salt, header.Cost), TagBytes);
        _sealed = new byte[header.SegmentBytes + TagBytes];
        _plain = new byte[header.SegmentBytes];

        var check = new byte[TagBytes];
        if (inner.ReadAtLeast(check, TagBytes, throwOnEndOfStream: false) < TagBytes)
            throw new BackupFormatException("this backup is cut short inside its header");
        if (!PassphraseCheck.Opens(_aes, _noncePrefix, _header, check))
            throw new BackupFormatException("wrong passphrase: this backup does not open with it (or its header was changed)");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_plainStart == _plainEnd)
        {
            if (_sawLast) return 0;
            OpenNextSegment();
        }
        var take = Math.Min(buffer.Length, _plainEnd - _plainStart);
        _plain.AsSpan(_plainStart, take).CopyTo(buffer);
        _plainStart += take;
        return take;
    }

    /// <summary>
    /// Fills one whole sealed segment, or what is left of the file; one byte more tells whether
    /// this one must be the last (the byte, if any, starts the next segment).
    /// </summary>
    private void OpenNextSegment()
    {
        _sealedFilled += _inner.ReadAtLeast(_sealed.AsSpan(_sealedFilled), _sealed.Length - _sealedFilled, throwOnEndOfStream: false);
        var length = _sealedFilled;
        var next = -1;
        if (length == _sealed.Length) next = _inner.ReadByte();
        var atEnd = next < 0;
        if (length < TagBytes)
            throw new BackupFormatException($"this backup is cut short: it ends inside segment {_index} (a partial copy or an interrupted upload)");

        var plainLength = length - TagBytes;
        var sealedBytes = _sealed.AsSpan(0, plainLength);
        var tag = _sealed.AsSpan(plainLength, TagBytes);
        if (!TryOpen(sealedBytes, tag, atEnd ? SegmentNonce.Last : SegmentNonce.Middle))
        {
            if (atEnd && length == _sealed.Length && TryOpen(sealedBytes, tag, SegmentNonce.Middle))
                throw new BackupFormatException($"this backup is cut short: it ends after segment {_index} without its last segment (a partial copy or an interrupted upload)");
            throw new BackupFormatException($"this backup was changed or damaged: segment {_index} (from byte {SegmentOffset(_index)}) does not authenticate");
        }

        (_plainStart, _plainEnd) = (0, plainLength);
        _sawLast = atEnd;
        _index++;
        _sealedFilled = 0;
        if (next >= 0)
        {
            _sealed[0] = (byte)next;
            _sealedFilled = 1;
        }
    }

    private bool TryOpen(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> tag, byte flag)
    {
        try
        {
            _aes.Decrypt(SegmentNonce.For(_noncePrefix, _index, flag), sealedBytes, tag, _plain.AsSpan(0, sealedBytes.Length), _header);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    private long SegmentOffset(uint index) => ArchiveHeader.Length + TagBytes + (long)index * _sealed.Length;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _aes.Dispose();
        base.Dispose(disposing);
    }

}
