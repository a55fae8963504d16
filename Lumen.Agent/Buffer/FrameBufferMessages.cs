using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Buffer;

/// <summary>Commands to the frame buffer. Neither is answered; later queries see their effect.</summary>
public static class FrameBufferCommands
{
    /// <summary>The hub did not accept this frame: keep it until it is confirmed or a cap drops it.</summary>
    public sealed record BufferFrame(IngestFrame Frame);

    /// <summary>The hub accepted these frames (ids from <see cref="OldestFrames"/>): forget them. Unknown ids are ignored.</summary>
    public sealed record ConfirmSent(IReadOnlyList<long> Ids);
}

/// <summary>Questions the frame buffer answers.</summary>
public static class FrameBufferQueries
{
    /// <summary>
    /// Answered with <see cref="OldestFrames"/>: up to <paramref name="Max"/> frames, oldest first.
    /// Nothing is removed; frames leave only through <see cref="FrameBufferCommands.ConfirmSent"/>.
    /// Frames past the age cap are dropped first, so none is handed out.
    /// </summary>
    public sealed record TakeOldest(int Max);

    /// <summary>Answered with <see cref="BufferStatus"/>.</summary>
    public sealed record GetBufferStatus
    {
        public static readonly GetBufferStatus Instance = new();
    }
}

/// <summary>A buffered frame and the id that confirms it.</summary>
public sealed record BufferedFrame(long Id, IngestFrame Frame);

/// <summary>The oldest buffered frames, oldest first; empty when nothing is buffered.</summary>
public sealed record OldestFrames(IReadOnlyList<BufferedFrame> Frames)
{
    public static readonly OldestFrames None = new([]);
}

/// <summary>
/// What the buffer holds: frame count, the oldest frame's time, bytes of frame JSON, and how
/// many frames the caps have dropped since the agent started.
/// </summary>
public sealed record BufferStatus(int Count, DateTimeOffset? OldestTs, long Bytes, long DroppedSinceStart)
{
    public static readonly BufferStatus Empty = new(0, null, 0, 0);
}
