namespace Lumen.Agent.Buffer;

/// <summary>How a <see cref="FrameBufferActor"/> incarnation starts.</summary>
/// <param name="Seed">Frames saved from a damaged file, journaled again once the actor has recovered.</param>
/// <param name="Reset">Replay nothing and delete the journal: its rows could not be read back.</param>
public sealed record BufferStart(IReadOnlyList<StoredFrame> Seed, bool Reset)
{
    public static readonly BufferStart Normal = new([], false);
}

/// <summary>The buffer has read its journal back and takes commands (to its supervisor).</summary>
public sealed record BufferRecovered
{
    public static readonly BufferRecovered Instance = new();
}

/// <summary>
/// The buffer could not read its journal back and is stopping (to its supervisor), handing over
/// the frames it had read before the failure.
/// </summary>
public sealed record BufferRecoveryFailed(Exception Cause, IReadOnlyList<StoredFrame> Kept);

/// <summary>The buffer's last frame was confirmed or dropped: it holds nothing (to its supervisor).</summary>
public sealed record BufferEmptied
{
    public static readonly BufferEmptied Instance = new();
}

/// <summary>
/// Stop if you hold nothing (supervisor to buffer). The buffer stops, or answers
/// <see cref="BufferStillHolds"/> when a frame came in meanwhile.
/// </summary>
public sealed record RestIfEmpty
{
    public static readonly RestIfEmpty Instance = new();
}

/// <summary>The answer to <see cref="RestIfEmpty"/> from a buffer that holds frames again.</summary>
public sealed record BufferStillHolds
{
    public static readonly BufferStillHolds Instance = new();
}
