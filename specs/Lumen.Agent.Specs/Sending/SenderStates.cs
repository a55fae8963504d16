using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;
using Lumen.Protocol.Ingest;

namespace Lumen.Agent.Specs.Sending;

/// <summary>Frames, answers and started states for the <see cref="SenderState"/> specs.</summary>
internal static class SenderStates
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public static readonly PostOutcome Accepted = new PostOutcome.Accepted("instance-a", 1, 0);
    public static readonly PostOutcome TakenForGood = new PostOutcome.Accepted(null, 0, 0); // a hub without a watermark
    public static readonly PostOutcome Unreachable = new PostOutcome.Retry("cannot reach the hub");

    public static IngestFrame Frame(int second) => new() { Ts = T0.AddSeconds(second) };

    /// <summary>A state whose buffer said it holds <paramref name="buffered"/> frames.</summary>
    public static SenderState Started(int drain = 10, int maxWaiting = 2, int buffered = 0)
    {
        var state = new SenderState(drain, maxWaiting);
        state.BufferCounted(buffered);
        return state;
    }

    public static IEnumerable<DateTimeOffset> Ts(IEnumerable<IngestFrame> frames) => frames.Select(f => f.Ts);

    public static DrainedFrame Drained(long id, int second, PostOutcome outcome) => new(new BufferedFrame(id, Frame(second)), outcome);
}
