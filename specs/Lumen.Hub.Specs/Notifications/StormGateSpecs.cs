using Lumen.Hub.Notifications.Deliveries;

namespace Lumen.Hub.Specs.Notifications;

public sealed class StormGateSpecs
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20000);

    [Fact]
    public void Gate_should_send_one_at_a_time_while_a_channel_is_quiet()
    {
        var gate = new StormGate(limit: 5);

        Assert.Equal(new StormDecision(1, null), gate.Decide(due: 2, T0));
    }

    [Fact]
    public void Gate_should_group_everything_due_when_more_than_the_limit_is_due_at_once()
    {
        var gate = new StormGate(limit: 5);

        Assert.Equal(new StormDecision(30, null), gate.Decide(due: 30, T0));
        Assert.Equal(StormGate.GroupLimit, gate.Decide(due: 500, T0).Take);
    }

    [Fact]
    public void Gate_should_group_what_is_due_in_the_minutes_last_message_and_then_wait_for_the_minute_to_pass()
    {
        var gate = new StormGate(limit: 3);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(1, gate.Decide(due: 1, T0.AddSeconds(i)).Take);
            gate.Sent(T0.AddSeconds(i));
        }

        Assert.Equal(new StormDecision(4, null), gate.Decide(due: 4, T0.AddSeconds(2)));
        gate.Sent(T0.AddSeconds(2));

        Assert.Equal(new StormDecision(0, T0 + StormGate.Window), gate.Decide(due: 1, T0.AddSeconds(10)));
        Assert.Equal(1, gate.Decide(due: 1, T0 + StormGate.Window).Take);
    }

    [Fact]
    public void Gate_with_no_limit_should_always_send_one_at_a_time()
    {
        var gate = new StormGate(limit: 0);
        for (var i = 0; i < 50; i++) gate.Sent(T0);

        Assert.Equal(new StormDecision(1, null), gate.Decide(due: 50, T0));
    }
}
