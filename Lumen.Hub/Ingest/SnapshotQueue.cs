using System.Threading.Channels;
using Lumen.Hub.History;

namespace Lumen.Hub.Ingest;

/// <summary>How an offer to the batch queue ended.</summary>
public enum OfferResult
{
    Accepted,
    /// <summary>The queue stayed full for the whole wait: the disk is behind.</summary>
    Full,
    /// <summary>The hub is shutting down and takes no more rows.</summary>
    Closed,
}

/// <summary>
/// The bounded queue between ingest requests and the batcher stream. A bounded channel
/// rather than <c>Source.Queue</c>: it takes offers from thousands of concurrent requests
/// (Source.Queue allows one pending offer) and backpressures each of them on its own. When
/// it is full, a request waits up to <see cref="MaxWait"/> and is then refused, so the agent
/// keeps the frame: nothing is ever dropped here.
/// </summary>
public sealed class SnapshotQueue
{
    private readonly Channel<SnapshotRow> _channel;

    public SnapshotQueue(int capacity, TimeSpan maxWait)
    {
        Capacity = capacity;
        MaxWait = maxWait;
        _channel = Channel.CreateBounded<SnapshotRow>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }
    public TimeSpan MaxWait { get; }
    public int Count => _channel.Reader.Count;
    public ChannelReader<SnapshotRow> Reader => _channel.Reader;

    public ValueTask<OfferResult> OfferAsync(SnapshotRow row, CancellationToken cancellationToken = default) =>
        _channel.Writer.TryWrite(row) ? ValueTask.FromResult(OfferResult.Accepted) : WaitAndOfferAsync(row, cancellationToken);

    private async ValueTask<OfferResult> WaitAndOfferAsync(SnapshotRow row, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MaxWait);
        try
        {
            await _channel.Writer.WriteAsync(row, timeout.Token);
            return OfferResult.Accepted;
        }
        catch (OperationCanceledException)
        {
            return OfferResult.Full;
        }
        catch (ChannelClosedException)
        {
            return OfferResult.Closed;
        }
    }

    /// <summary>Takes no more rows; the batcher flushes what is queued and completes.</summary>
    public void Close() => _channel.Writer.TryComplete();
}
