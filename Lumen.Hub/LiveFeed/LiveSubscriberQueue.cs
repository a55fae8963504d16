using System.Threading.Channels;

namespace Lumen.Hub.LiveFeed;

/// <summary>One stream frame: a JSON array of host snapshots, UTF-8, shared by every subscriber it went to.</summary>
public sealed record LiveFrame(ReadOnlyMemory<byte> Utf8Json);

/// <summary>
/// The frames waiting for one stream connection: a bounded channel that drops its oldest
/// frame when a new one arrives and it is full, so a slow browser only ever falls behind
/// itself and never holds up the feed, ingest or other browsers. Drops are counted.
/// </summary>
public sealed class LiveSubscriberQueue
{
    /// <summary>
    /// Four frames (20 s at the default interval): enough for a client to ride out a GC pause
    /// or a burst of packet loss without losing one, and a live view has no use for older.
    /// </summary>
    public const int DefaultCapacity = 4;

    private readonly Channel<LiveFrame> _channel;
    private long _dropped;

    public LiveSubscriberQueue(int capacity = DefaultCapacity)
    {
        _channel = Channel.CreateBounded<LiveFrame>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            // Runs inside TryWrite, on the feed's thread; the counter is read by that thread too.
            _ => Interlocked.Increment(ref _dropped));
    }

    public ChannelReader<LiveFrame> Reader => _channel.Reader;

    /// <summary>Frames dropped unsent since the connection began.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <returns>false once the connection has ended (<see cref="Complete"/>), never because it is full.</returns>
    public bool Offer(LiveFrame frame) => _channel.Writer.TryWrite(frame);

    /// <summary>The connection is over: nothing more is taken, and its reader ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
