using Lumen.Agent.Sending;

using static Lumen.Agent.Specs.Sending.SenderStates;

namespace Lumen.Agent.Specs.Sending;

/// <summary>The sender's decisions without an actor, while delivering and while the token is refused.</summary>
public sealed class SenderStateSpecs
{
    [Fact]
    public void SenderState_should_deliver_while_the_buffer_is_empty_and_buffer_when_a_previous_run_left_frames()
    {
        Assert.Equal(SenderMode.Delivering, Started().Mode);
        Assert.Equal(SenderMode.Buffering, Started(buffered: 3).Mode);
    }

    [Fact]
    public void SenderState_should_post_a_frame_when_nothing_is_in_flight()
    {
        var step = Started().Deliver(Frame(0));

        Assert.Equal(Frame(0).Ts, step.Post!.Ts);
        Assert.Empty(step.Keep);
        Assert.False(step.TakeOldest);
    }

    [Fact]
    public void SenderState_should_let_frames_wait_behind_the_post_in_flight_and_buffer_the_one_too_many()
    {
        var state = Started(maxWaiting: 2);
        state.Deliver(Frame(0));

        var waits = new[] { state.Deliver(Frame(5)), state.Deliver(Frame(10)) };
        var tooMany = state.Deliver(Frame(15));

        Assert.All(waits, step => Assert.Equal((null, 0, false), (step.Post, step.Keep.Count, step.TakeOldest)));
        Assert.Equal([Frame(15).Ts], Ts(tooMany.Keep));
        Assert.False(tooMany.TakeOldest); // a post is in flight
        Assert.Equal(SenderMode.Buffering, state.Mode);
    }

    [Fact]
    public void SenderState_should_post_the_oldest_waiting_frame_when_the_post_is_taken()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Deliver(Frame(5));
        state.Deliver(Frame(10));

        var step = state.Posted(Frame(0), Accepted);

        Assert.Equal(Frame(5).Ts, step.Post!.Ts);
        Assert.True(step.HubAccepted);
        Assert.Equal(Frame(10).Ts, state.Posted(Frame(5), Accepted).Post!.Ts);
        Assert.Equal(SenderMode.Delivering, state.Mode);
    }

    [Fact]
    public void SenderState_should_forget_frames_the_hub_reports_durable()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Posted(Frame(0), new PostOutcome.Accepted("instance-a", 1, 0));
        state.Deliver(Frame(5));
        state.Posted(Frame(5), new PostOutcome.Accepted("instance-a", 2, 2));

        Assert.Equal(0, state.AwaitingDurability);
    }

    [Fact]
    public void SenderState_should_drop_a_frame_the_hub_refuses_as_invalid_and_count_it()
    {
        var state = Started();
        state.Deliver(Frame(0));

        var step = state.Posted(Frame(0), new PostOutcome.Rejected(413, "too large"));

        Assert.Empty(step.Keep);
        var rejected = Assert.IsType<SenderNotice.FrameRejected>(Assert.Single(step.Notices));
        Assert.Equal((T0, 413, "too large"), (rejected.Frame.Ts, rejected.Status, rejected.Error));
        Assert.Equal((1L, true, SenderMode.Delivering), (state.FramesRejected, state.HubReachable, state.Mode));
    }

    [Fact]
    public void SenderState_should_hold_every_frame_while_the_token_is_refused_and_drain_on_the_retry()
    {
        var state = Started();
        state.Deliver(Frame(0));
        var refused = state.Posted(Frame(0), new PostOutcome.Unauthorized());

        var held = state.Hold(Frame(5));
        var retry = state.RetryToken();

        Assert.Equal([Frame(0).Ts], Ts(refused.Keep));
        Assert.Equal([new SenderNotice.TokenRefused()], refused.Notices);
        Assert.Equal([Frame(5).Ts], Ts(held.Keep));
        Assert.False(held.TakeOldest);
        Assert.True(retry.TakeOldest);
        Assert.Equal(SenderMode.Buffering, state.Mode);
    }

    [Fact]
    public void SenderState_should_be_refused_until_the_retry_and_keep_the_frames_that_waited_behind_the_refused_post()
    {
        var state = Started();
        state.Deliver(Frame(0));
        state.Deliver(Frame(5));

        var step = state.Posted(Frame(0), new PostOutcome.Unauthorized());

        Assert.Equal([Frame(0).Ts, Frame(5).Ts], Ts(step.Keep));
        Assert.Equal(SenderMode.Refused, state.Mode);
        Assert.True(state.TokenRefused);
    }
}
