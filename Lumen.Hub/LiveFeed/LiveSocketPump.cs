using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Akka.Actor;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// Runs one accepted stream connection outside the actor system: one loop writes the frames
/// the feed queues for it, another reads the browser's control frames. The connection is
/// subscribed to every host until it says otherwise, and unsubscribed however it ends: the
/// browser closing, the socket failing or a keep-alive ping going unanswered, or the hub
/// stopping (the browser then gets close code 1001).
/// </summary>
public static class LiveSocketPump
{
    /// <summary>How long a closing handshake may take before the socket is simply dropped.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Frames go out as WebSocket fragments of this size (the browser reassembles them). The
    /// socket copies each send into a buffer it rents (so does its compressor, for its output):
    /// whole multi-megabyte frames would mean a fresh large-object array per connection per
    /// frame, and one held by every stalled socket.
    /// 32 KiB plus the frame header still fits the pool's 64 KiB arrays, below the large-object heap.
    /// </summary>
    public const int FragmentBytes = 32 * 1024;

    private static long s_lastId;

    public static async Task RunAsync(WebSocket socket, IActorRef feed, ILogger log, CancellationToken hubStopping)
    {
        var id = Interlocked.Increment(ref s_lastId);
        var queue = new LiveSubscriberQueue();
        feed.Tell(new LiveFeedCommands.Subscribe(id, queue, LiveSubscription.All));
        log.LogDebug("Live stream connection {Id} opened", id);

        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(hubStopping);
        using var stopReceiving = new CancellationTokenSource();
        var sending = SendFramesAsync(socket, queue.Reader, stopSending.Token);
        var receiving = ReceiveControlFramesAsync(socket, id, feed, stopReceiving.Token);
        try
        {
            await Task.WhenAny(sending, receiving);
        }
        finally
        {
            feed.Tell(new LiveFeedCommands.Unsubscribe(id));
            queue.Complete();
            // A frame still being written to a browser that has gone is abandoned (this aborts the socket).
            await stopSending.CancelAsync();
            await CloseAsync(socket, hubStopping.IsCancellationRequested);
            // The browser answers our close on the receiving loop; past the timeout it is cut off.
            stopReceiving.CancelAfter(CloseTimeout);
            await Task.WhenAll(sending, receiving);
            log.LogDebug("Live stream connection {Id} closed ({State}, {Dropped} frames dropped)", id, socket.State, queue.Dropped);
        }
    }

    private static async Task SendFramesAsync(WebSocket socket, ChannelReader<LiveFrame> frames, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in frames.ReadAllAsync(cancellationToken))
            {
                var json = frame.Utf8Json;
                for (; json.Length > FragmentBytes; json = json[FragmentBytes..])
                    await socket.SendAsync(json[..FragmentBytes], WebSocketMessageType.Text, endOfMessage: false, cancellationToken);
                await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is over; RunAsync cleans up.
        }
    }

    /// <summary>
    /// Reads messages of up to <see cref="ControlFrame.MaxBytes"/>; a longer one is read to its
    /// end into the same buffer and ignored, so it costs no memory. Returns when the browser closes.
    /// </summary>
    private static async Task ReceiveControlFramesAsync(WebSocket socket, long id, IActorRef feed, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ControlFrame.MaxBytes);
        try
        {
            var space = buffer.AsMemory(0, ControlFrame.MaxBytes);
            while (true)
            {
                var (length, tooLong) = (0, false);
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == space.Length) (length, tooLong) = (0, true);
                    result = await socket.ReceiveAsync(space[length..], cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    length += result.Count;
                } while (!result.EndOfMessage);

                if (tooLong || result.MessageType != WebSocketMessageType.Text) continue;
                if (ControlFrame.ParseSubscribe(space.Span[..length]) is { } subscription)
                    feed.Tell(new LiveFeedCommands.ChangeSubscription(id, subscription));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Aborted, cut off, or a keep-alive ping went unanswered: the connection is over.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CloseAsync(WebSocket socket, bool hubStopping)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await socket.CloseOutputAsync(
                hubStopping ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure,
                hubStopping ? "hub is stopping" : null, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
