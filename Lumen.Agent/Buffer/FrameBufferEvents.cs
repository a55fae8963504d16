namespace Lumen.Agent.Buffer;

/// <summary>Marks what the frame buffer journals; <see cref="BufferEventSerializer"/> is bound to it.</summary>
public interface IFrameBufferEvent;

/// <summary>
/// The frame buffer's journal. A frame's id is the sequence number of the event that stored
/// it, so ids never repeat, even across restarts.
/// </summary>
public static class FrameBufferEvents
{
    /// <summary>A frame was buffered; <paramref name="Json"/> is its wire JSON.</summary>
    public sealed record FrameBuffered(DateTimeOffset Ts, byte[] Json) : IFrameBufferEvent;

    /// <summary>The hub accepted these frames.</summary>
    public sealed record FramesConfirmed(long[] Ids) : IFrameBufferEvent;

    /// <summary>A cap dropped these frames, the oldest: so many for age, so many for size.</summary>
    public sealed record FramesDropped(long[] Ids, int ByAge, int BySize) : IFrameBufferEvent;

    /// <summary>
    /// A journal row that could not be read back (a flipped bit, a foreign manifest). Replay
    /// skips it and keeps the rest instead of failing recovery for one bad row.
    /// </summary>
    public sealed record UnreadableEvent(string Manifest, string Reason) : IFrameBufferEvent;
}
