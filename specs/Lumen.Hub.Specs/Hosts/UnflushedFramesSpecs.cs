using Lumen.Hub.Hosts;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>One host's accepted frames above its durable watermark, as its actor keeps them for history: bounded, newest kept, one per ts.</summary>
public sealed class UnflushedFramesSpecs
{
    private long _seq;

    /// <summary>The next frame accepted, at <paramref name="second"/>; its values say which frame it is.</summary>
    private UnflushedFrame Frame(int second) => new(++_seq, second * 1000L, new[] { (double)_seq });

    private static int[] Seconds(IEnumerable<UnflushedFrame> frames) => [.. frames.Select(frame => (int)(frame.TsUnixMs / 1000))];

    private static UnflushedFrame[] All(UnflushedFrames frames) => frames.InWindow(long.MinValue, long.MaxValue, _ => true);

    [Fact]
    public void Frames_should_never_hold_more_than_the_capacity_and_keep_the_newest_by_ts()
    {
        var frames = new UnflushedFrames(capacity: 4);

        // A draining agent buffer: old frames among live ones, nothing durable yet.
        foreach (var second in (int[])[100, 105, 0, 110, 5, 115, 120, 10, 125])
        {
            frames.Keep(Frame(second), durable: 0);
            Assert.InRange(frames.Count, 0, 4);
        }

        Assert.Equal([110, 115, 120, 125], Seconds(All(frames)));
    }

    [Fact]
    public void Frames_should_leave_out_a_frame_older_than_every_frame_held_when_full()
    {
        var frames = new UnflushedFrames(capacity: 2);
        frames.Keep(Frame(10), 0);
        frames.Keep(Frame(15), 0);

        Assert.False(frames.Keep(Frame(5), 0));
        Assert.True(frames.Keep(Frame(20), 0));
        Assert.Equal([15, 20], Seconds(All(frames)));
    }

    [Fact]
    public void Frames_should_let_go_of_every_frame_at_or_below_the_durable_watermark_and_not_keep_one_already_durable()
    {
        var frames = new UnflushedFrames(capacity: 8);
        var (first, second, third) = (Frame(0), Frame(5), Frame(10));
        frames.Keep(third, 0);
        frames.Keep(first, 0);

        // The second frame's batch committed with the first before its host actor saw it.
        Assert.False(frames.Keep(second, durable: 2));

        Assert.Equal([third], All(frames));
        frames.Forget(durable: 3);
        Assert.Equal(0, frames.Count);
    }

    [Fact]
    public void Frames_should_let_go_of_frames_resolved_ahead_of_the_watermark_when_asked()
    {
        var frames = new UnflushedFrames(capacity: 8);
        var kept = new[] { Frame(0), Frame(5), Frame(10), Frame(15) };
        foreach (var frame in kept) frames.Keep(frame, 0);

        // Numbers 2 and 4: one refused with a 503, one committed out of order.
        frames.ForgetResolved(seq => seq is 2 or 4);

        Assert.Equal([kept[0], kept[2]], All(frames));
    }

    [Fact]
    public void Frames_should_answer_the_pending_frames_in_the_window_oldest_first_and_one_per_ts_the_first_accepted()
    {
        var frames = new UnflushedFrames(capacity: 8);
        var held = new[] { Frame(20), Frame(5), Frame(10), Frame(5), Frame(60), Frame(15) };
        foreach (var frame in held) frames.Keep(frame, 0);

        // The frame at 15 s is resolved: refused, or committed and in SQLite.
        var inWindow = frames.InWindow(5_000, 60_000, isPending: seq => seq != held[5].Seq);

        Assert.Equal([5, 10, 20], Seconds(inWindow));
        Assert.Equal(held[1], inWindow[0]);
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(600, 600)]
    [InlineData(1, UnflushedFrames.MinCapacity)]
    public void Capacity_should_be_two_flush_intervals_of_frames_at_the_fastest_agent_interval(int flushSeconds, int capacity) =>
        Assert.Equal(capacity, UnflushedFrames.CapacityFor(TimeSpan.FromSeconds(flushSeconds)));
}
