using Amazon.S3.Model;

namespace Lumen.Hub.Backups.Targets;

/// <summary>An object's body read straight from the connection; disposing it releases the response.</summary>
internal sealed class S3DownloadStream(GetObjectResponse response) : ReadOnlyForwardStream
{
    private readonly Stream _body = response.ResponseStream;

    public override long Length => response.ContentLength;

    public override int Read(byte[] buffer, int offset, int count) => _body.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _body.Read(buffer);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancel) => _body.ReadAsync(buffer, offset, count, cancel);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancel = default) => _body.ReadAsync(buffer, cancel);

    protected override void Dispose(bool disposing)
    {
        if (disposing) response.Dispose();
        base.Dispose(disposing);
    }
}
