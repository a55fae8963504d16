using Lumen.Agent.Buffer;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferStateSpecs
{
    private static readonly DateTimeOffset T0 = WallClock.Noon;

    private static FrameBufferState State(int maxFrames = 100, long maxBytes = 1_000_000) =>
        new(new BufferCaps(TimeSpan.FromHours(24), maxFrames, maxBytes));

    [Fact]
    public void FrameBufferState_should_hand_out_frames_oldest_first_by_collection_time()
    {
        var state = State();
        state.Add(BufferFrames.Stored(1, T0.AddSeconds(10)));
        state.Add(BufferFrames.Stored(2, T0.AddSeconds(20)));
        state.Add(BufferFrames.Stored(3, T0)); // a resend buffered behind newer frames
        state.Add(BufferFrames.Stored(4, T0.AddSeconds(10)));

        Assert.Equal([3L, 1L, 4L], state.Oldest(3).Select(f => f.Id));
        Assert.Equal(T0, state.OldestTs);
    }

    [Fact]
    public void FrameBufferState_should_forget_removed_frames_and_ignore_unknown_ids()
    {
        var state = State();
        state.Add(BufferFrames.Stored(1, T0, bytes: 100));
        state.Add(BufferFrames.Stored(2, T0.AddSeconds(5), bytes: 150));

        Assert.Equal(1, state.Remove([1, 1, 99]));

        Assert.Equal(1, state.Count);
        Assert.Equal(150, state.Bytes);
        Assert.Equal(2, state.LowestId);
    }

    [Fact]
    public void FrameBufferState_should_keep_the_first_of_two_frames_with_one_id()
    {
        var state = State();
        state.Add(BufferFrames.Stored(1, T0, bytes: 100));
        state.Add(BufferFrames.Stored(1, T0.AddSeconds(5), bytes: 300));

        Assert.Equal(1, state.Count);
        Assert.Equal(100, state.Bytes);
    }

    [Fact]
    public void FrameBufferState_should_name_frames_older_than_the_max_age_at_the_given_now()
    {
        var state = State();
        state.Add(BufferFrames.Stored(1, T0.AddHours(-25)));
        state.Add(BufferFrames.Stored(2, T0.AddHours(-24)));
        state.Add(BufferFrames.Stored(3, T0.AddHours(-1)));

        var drop = state.OverCaps(T0);

        Assert.Equal([1L], drop.Ids);
        Assert.Equal((1, 0), (drop.ByAge, drop.BySize));
        Assert.Equal([1L, 2L], state.OverCaps(T0.AddSeconds(1)).Ids);
    }

    [Fact]
    public void FrameBufferState_should_name_the_oldest_frames_over_the_frame_cap()
    {
        var state = State(maxFrames: 3);
        for (var id = 1; id <= 5; id++) state.Add(BufferFrames.Stored(id, T0.AddSeconds(id)));

        var drop = state.OverCaps(T0);

        Assert.Equal([1L, 2L], drop.Ids);
        Assert.Equal((0, 2), (drop.ByAge, drop.BySize));
    }

    [Fact]
    public void FrameBufferState_should_name_the_oldest_frames_over_the_byte_cap()
    {
        var state = State(maxBytes: 1000);
        state.Add(BufferFrames.Stored(1, T0, bytes: 400));
        state.Add(BufferFrames.Stored(2, T0.AddSeconds(5), bytes: 400));
        state.Add(BufferFrames.Stored(3, T0.AddSeconds(10), bytes: 400));

        Assert.Equal([1L], state.OverCaps(T0).Ids);
    }

    [Fact]
    public void FrameBufferState_should_count_age_and_size_drops_apart()
    {
        var state = State(maxFrames: 2);
        state.Add(BufferFrames.Stored(1, T0.AddDays(-2)));
        state.Add(BufferFrames.Stored(2, T0.AddSeconds(-10)));
        state.Add(BufferFrames.Stored(3, T0.AddSeconds(-5)));
        state.Add(BufferFrames.Stored(4, T0));

        var drop = state.OverCaps(T0);

        Assert.Equal([1L, 2L], drop.Ids);
        Assert.Equal((1, 1), (drop.ByAge, drop.BySize));
    }

    [Fact]
    public void FrameBufferState_should_change_nothing_when_asked_what_is_over_the_caps()
    {
        var state = State(maxFrames: 1);
        state.Add(BufferFrames.Stored(1, T0));
        state.Add(BufferFrames.Stored(2, T0.AddSeconds(5)));

        state.OverCaps(T0);

        Assert.Equal(2, state.Count);
        Assert.Same(CapDrop.Nothing, State().OverCaps(T0));
    }

    [Fact]
    public void FrameBufferState_should_report_only_the_ids_it_holds_each_once()
    {
        var state = State();
        state.Add(BufferFrames.Stored(7, T0));

        Assert.Equal([7L], state.Held([7, 8, 7]));
    }

    [Fact]
    public void DropTally_should_report_each_drop_once_and_keep_the_total()
    {
        var tally = new DropTally();
        tally.Add(byAge: 2, bySize: 0);
        tally.Add(byAge: 0, bySize: 3);

        Assert.Equal((2, 3), tally.TakeUnreported());
        Assert.False(tally.HasUnreported);
        Assert.Equal(5, tally.SinceStart);
    }
}
