using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace Lumen.Bench.Stream;

/// <summary>
/// One frame as a reading client got it: its identity (newest received_at, UTC ticks), when its
/// first bytes and its last arrived (UTC ticks), its size decoded, the bytes that carried it on
/// the wire, and whether it was the connection's first (the full form; later ones are deltas).
/// </summary>
public readonly record struct ReceivedFrame(long NewestReceivedAtTicks, long FirstBytesAtTicks, long ArrivedAtTicks, int Bytes, long WireBytes, bool First);

/// <summary>
/// What a browser tab with the dashboard open does: connects with the session cookie and its own
/// origin, offering permessage-deflate as browsers do unless told not to, over a connection whose
/// bytes are counted.
/// </summary>
public abstract class StreamClient(Uri hub, string cookie, bool deflate)
{
    /// <summary>Whether this client offers permessage-deflate (the hub takes it when offered).</summary>
    public bool Deflate => deflate;

    /// <summary>The connection's bytes received so far; null before it connects.</summary>
    protected WireCountingStream? Wire { get; private set; }

    protected async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, connecting) =>
            {
                var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await tcp.ConnectAsync(context.DnsEndPoint, connecting);
                return Wire = new WireCountingStream(new NetworkStream(tcp, ownsSocket: true));
            },
        };
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", hub.GetLeftPart(UriPartial.Authority));
        socket.Options.SetRequestHeader("Cookie", cookie);
        // What Chromium offers: the hub's default window, context takeover left to the hub.
        if (deflate) socket.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
        var stream = new UriBuilder(hub) { Scheme = "ws", Path = "/api/stream" }.Uri;
        await socket.ConnectAsync(stream, new HttpMessageInvoker(handler), cancellationToken);
        return socket;
    }

    protected static Task SendTextAsync(ClientWebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public abstract Task RunAsync(CancellationToken stop);
}

/// <summary>A dashboard that reads every frame as it comes, optionally narrowed to some hosts.</summary>
public sealed class ReadingClient(Uri hub, string cookie, IReadOnlyList<string>? hosts, bool deflate) : StreamClient(hub, cookie, deflate)
{
    private readonly List<ReceivedFrame> _frames = [];

    public IReadOnlyList<string>? Hosts => hosts;
    public IReadOnlyList<ReceivedFrame> Frames => _frames;
    public string? Failure { get; private set; }

    public override async Task RunAsync(CancellationToken stop)
    {
        var scanner = new FrameScanner();
        var buffer = new byte[64 * 1024];
        try
        {
            using var socket = await ConnectAsync(stop);
            if (hosts is not null)
                await SendTextAsync(socket, $$"""{"type":"subscribe","hosts":[{{string.Join(",", hosts.Select(h => $"\"{h}\""))}}]}""", stop);
            var (bytes, firstBytesAt, wireAtLastFrame) = (0, 0L, Wire!.BytesRead);
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), stop);
                if (bytes == 0) firstBytesAt = DateTime.UtcNow.Ticks;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Failure = "closed by the hub";
                    return;
                }
                scanner.Feed(buffer.AsSpan(0, result.Count));
                bytes += result.Count;
                if (!result.EndOfMessage) continue;
                var wire = Wire.BytesRead;
                _frames.Add(new ReceivedFrame(scanner.NewestTicks, firstBytesAt, DateTime.UtcNow.Ticks, bytes, wire - wireAtLastFrame, First: _frames.Count == 0));
                wireAtLastFrame = wire;
                scanner.Reset();
                bytes = 0;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException e)
        {
            Failure = e.Message;
        }
    }
}

/// <summary>
/// A tab that connects and never reads (a frozen laptop, a suspended phone): the hub's frames
/// pile up in its socket and then in its queue. With <paramref name="keepAlive"/> it sends a
/// meaningless control frame every 10 s, which the hub ignores but which also keeps the hub's
/// keep-alive from ever pinging it: stalled for the whole run, the worst case for the queue.
/// Without, it sends nothing at all, and the hub's unanswered ping drops it after 30 s.
/// </summary>
public sealed class SilentClient(Uri hub, string cookie, bool keepAlive) : StreamClient(hub, cookie, deflate: true)
{
    /// <summary>When a keep-alive send failed because the hub had dropped the connection.</summary>
    public DateTimeOffset? LostAt { get; private set; }

    public override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            using var socket = await ConnectAsync(stop);
            if (!keepAlive) await Task.Delay(Timeout.Infinite, stop);
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
                await SendTextAsync(socket, """{"type":"still-here"}""", stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            LostAt = DateTimeOffset.UtcNow;
        }
    }
}
