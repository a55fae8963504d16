using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Lumen.Hub.Specs.Support;

/// <summary>Two real WebSocket ends (server and client) joined by in-memory pipes instead of a TCP connection.</summary>
public static class WebSocketPair
{
    public static (WebSocket Server, WebSocket Client) Create()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var server = new DuplexStream(toServer.Reader.AsStream(), toClient.Writer.AsStream());
        var client = new DuplexStream(toClient.Reader.AsStream(), toServer.Writer.AsStream());
        return (WebSocket.CreateFromStream(server, new WebSocketCreationOptions { IsServer = true }),
                WebSocket.CreateFromStream(client, new WebSocketCreationOptions { IsServer = false }));
    }

    /// <summary>Reads from one pipe and writes to the other, as a socket's stream does.</summary>
    private sealed class DuplexStream(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => input.ReadAsync(buffer, offset, count, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => output.WriteAsync(buffer, offset, count, cancellationToken);
        public override void Flush() => output.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                output.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
