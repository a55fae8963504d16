using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Lumen.Hub.Specs.Support;

/// <summary>
/// A browser's side of <c>GET /api/stream</c> over a real TCP connection to a <see cref="RealHub"/>,
/// counting the bytes that arrive on the wire (WebSocket framing, compressed or not) beside the
/// messages they make once decoded.
/// </summary>
public sealed class WireStreamClient(ClientWebSocket socket, WireStreamClient.CountingStream wire) : IAsyncDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    /// <summary>The 101 answer's Sec-WebSocket-Extensions, or null when it had none.</summary>
    public string? Extensions =>
        Socket.HttpResponseHeaders?.TryGetValue("Sec-WebSocket-Extensions", out var values) == true ? string.Join(", ", values) : null;

    /// <summary>Signs in as the admin and opens the stream, offering permessage-deflate when <paramref name="deflate"/> is given.</summary>
    public static async Task<WireStreamClient> ConnectAsync(RealHub hub, WebSocketDeflateOptions? deflate)
    {
        CountingStream? wire = null;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await tcp.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return wire = new CountingStream(new NetworkStream(tcp, ownsSocket: true));
            },
        };
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.DangerousDeflateOptions = deflate;
        socket.Options.SetRequestHeader("Origin", hub.BaseAddress.GetLeftPart(UriPartial.Authority));
        socket.Options.SetRequestHeader("Cookie", await SessionCookieAsync(hub));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(new UriBuilder(hub.BaseAddress) { Scheme = "ws", Path = "/api/stream" }.Uri, new HttpMessageInvoker(handler), timeout.Token);
        return new WireStreamClient(socket, wire!);
    }

    private static async Task<string> SessionCookieAsync(RealHub hub)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = hub.BaseAddress };
        var response = await http.PostAsJsonAsync("/api/login", new { username = HubFactory.AdminUsername, password = HubFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lumen_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>The next whole message and the bytes that arrived on the wire while it was read.</summary>
    public async Task<(byte[] Message, long WireBytes)> NextMessageAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var before = wire.BytesRead;
        var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by the hub");
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return (message.ToArray(), wire.BytesRead - before);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try { await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token); }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        Socket.Dispose();
    }

    /// <summary>A connection's stream, counting what is read from it.</summary>
    public sealed class CountingStream(Stream inner) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            Interlocked.Add(ref _read, read);
            return read;
        }
    }
}
