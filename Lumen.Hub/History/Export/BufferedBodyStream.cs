namespace Lumen.Hub.History.Export;

/// <summary>
/// Lets a writer that writes synchronously write to a response body, which Kestrel lets be
/// written only asynchronously: Parquet.Net writes a file's header, page headers and footer
/// with plain <c>Write</c>. Everything written is kept in memory until <see cref="DrainAsync"/>
/// sends it on, which the Parquet export does after every row group, so at most one group's
/// bytes are held. <see cref="Position"/> counts every byte written, sent or not.
/// </summary>
public sealed class BufferedBodyStream(Stream body) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _sent;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Position;

    public override long Position
    {
        get => _sent + _pending.Length;
        set => throw new NotSupportedException();
    }

    /// <summary>Sends what was written since the last drain.</summary>
    public async Task DrainAsync(CancellationToken cancel)
    {
        if (_pending.Length == 0) return;
        await body.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancel);
        _sent += _pending.Length;
        _pending.SetLength(0);
    }

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _pending.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Nothing to do: the bytes leave by <see cref="DrainAsync"/>, never by a synchronous flush.</summary>
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _pending.Dispose();
        base.Dispose(disposing);
    }
}
