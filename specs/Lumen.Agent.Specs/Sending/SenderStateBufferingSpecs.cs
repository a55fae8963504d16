using Lumen.Agent.Sending;

using static Lumen.Agent.Specs.Sending.SenderStates;

namespace Lumen.Agent.Specs.Sending;

/// <summary>The sender's decisions without an actor when frames go to the buffer, and as drains empty it.</summary>
public sealed class SenderStateBufferingSpecs
{
    [Fact]
    public void SenderState_should_keep_a_frame_the_hub_does_not_take_and_the_frames_that_waited_behind_it()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Deliver(Frame(5));

        var step = state.Posted(Frame(0), Unreachable);

        Assert.Equal([Frame(0).Ts, Frame(5).Ts], Ts(step.Keep));
        Assert.Null(step.Post);
        Assert.Equal([new SenderNotice.HubUnreachable("cannot reach the hub")], step.Notices);
        Assert.Equal(SenderMode.Buffering, state.Mode);
        Assert.False(state.HubReachable);
    }

    [Fact]
    public void SenderState_should_say_once_that_the_hub_is_unreachable_and_once_that_it_answers_again()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Posted(Frame(0), Unreachable);
        state.Buffer(Frame(5));

        var stillDown = state.Drained([Drained(1, 0, Unreachable)], returned: 2);
        state.Buffer(Frame(10));
        var back = state.Drained([Drained(1, 0, Accepted), Drained(2, 5, Accepted)], returned: 2);

        Assert.Empty(stillDown.Notices);
        Assert.Equal([new SenderNotice.HubAnswersAgain()], back.Notices);
        Assert.True(state.HubReachable);
    }

    [Fact]
    public void SenderState_should_buffer_each_frame_and_start_a_drain_only_when_none_is_in_flight()
    {
        var state = Started(buffered: 3);

        var first = state.Buffer(Frame(15));
        var second = state.Buffer(Frame(20));

        Assert.Equal([Frame(15).Ts], Ts(first.Keep));
        Assert.True(first.TakeOldest);
        Assert.Equal([Frame(20).Ts], Ts(second.Keep));
        Assert.False(second.TakeOldest);
    }

    [Fact]
    public void SenderState_should_deliver_again_when_a_drain_finds_the_buffer_empty()
    {
        var state = Started(buffered: 1);
        state.Buffer(Frame(0));

        Assert.False(state.OldestTaken(0));

        Assert.Equal(SenderMode.Delivering, state.Mode);
        Assert.NotNull(state.Deliver(Frame(5)).Post);
    }

    [Fact]
    public void SenderState_should_keep_buffering_when_a_frame_was_kept_during_the_drain_that_found_the_buffer_empty()
    {
        var state = Started(buffered: 1);
        state.Buffer(Frame(0));
        state.Buffer(Frame(5)); // kept while the drain is in flight

        state.OldestTaken(0);

        Assert.Equal(SenderMode.Buffering, state.Mode);
    }

    [Fact]
    public void SenderState_should_deliver_again_after_a_drain_of_fewer_frames_than_asked_for_all_taken()
    {
        var state = Started(drain: 3, buffered: 2);
        state.Buffer(Frame(10));
        Assert.True(state.OldestTaken(2));

        var step = state.Drained([Drained(1, 0, Accepted), Drained(2, 5, Accepted)], returned: 2);

        Assert.Equal([1L, 2L], step.Confirm);
        Assert.Equal(SenderMode.Delivering, state.Mode);
    }

    [Fact]
    public void SenderState_should_keep_buffering_after_a_full_drain()
    {
        var state = Started(drain: 2, buffered: 2);
        state.Buffer(Frame(10));

        state.Drained([Drained(1, 0, Accepted), Drained(2, 5, Accepted)], returned: 2);

        Assert.Equal(SenderMode.Buffering, state.Mode);
    }

    [Fact]
    public void SenderState_should_confirm_only_the_drained_frames_the_hub_settled()
    {
        var state = Started(drain: 3, buffered: 3);
        state.Buffer(Frame(15));

        var step = state.Drained([Drained(1, 0, TakenForGood), Drained(2, 5, new PostOutcome.Rejected(400, "bad")), Drained(3, 10, Unreachable)], returned: 3);

        Assert.Equal([1L, 2L], step.Confirm);
        Assert.Empty(step.Keep); // the frame not taken is still in the buffer
        Assert.Equal(SenderMode.Buffering, state.Mode);
        Assert.Equal(1, state.FramesRejected);
    }

    [Fact]
    public void SenderState_should_keep_again_the_frames_a_restarted_hub_had_not_made_durable()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Posted(Frame(0), new PostOutcome.Accepted("instance-a", 1, 0));
        state.Deliver(Frame(5));
        state.Posted(Frame(5), new PostOutcome.Accepted("instance-a", 2, 0));

        state.Deliver(Frame(10));
        var step = state.Posted(Frame(10), new PostOutcome.Accepted("instance-b", 1, 0));

        Assert.Equal([Frame(0).Ts, Frame(5).Ts], Ts(step.Keep));
        Assert.Equal([new SenderNotice.HubRestarted(2)], step.Notices);
        Assert.Equal(1, state.AwaitingDurability);
    }

    [Fact]
    public void SenderState_should_keep_the_frames_not_yet_durable_when_the_hub_becomes_unreachable()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Posted(Frame(0), Accepted);
        state.Deliver(Frame(5));

        var step = state.Posted(Frame(5), Unreachable);

        Assert.Equal([Frame(5).Ts, Frame(0).Ts], Ts(step.Keep));
        Assert.Equal(0, state.AwaitingDurability);
    }
}
