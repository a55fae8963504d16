using Lumen.Hub.Hosts;
using Lumen.Hub.LiveFeed;
using Lumen.Protocol.Live;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class LiveSubscriptionSpecs
{
    private static LiveSnapshot Host(long id, string name) => new() { HostId = id, Host = name };

    [Fact]
    public void LiveSubscription_should_be_equal_for_the_same_hosts_in_any_order_or_repetition()
    {
        var a = LiveSubscription.For(["pi", "nas", "pi"]);
        var b = LiveSubscription.For(["nas", "pi"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, LiveSubscription.For(["nas"]));
        Assert.NotEqual(a, LiveSubscription.All);
    }

    [Fact]
    public void LiveSubscription_should_match_a_host_by_name_or_by_id()
    {
        var subscription = LiveSubscription.For(["nas", "7"]);

        Assert.True(subscription.Matches(Host(1, "nas")));
        Assert.True(subscription.Matches(Host(7, "pi")));
        Assert.False(subscription.Matches(Host(2, "router")));
        Assert.False(subscription.Matches(Host(1, "NAS")));
    }

    [Fact]
    public void LiveSubscription_should_match_every_host_when_it_is_all()
    {
        Assert.True(LiveSubscription.All.Matches(Host(99, "anything")));
        Assert.Same(LiveSubscription.All, LiveSubscription.For(null));
        Assert.Same(LiveSubscription.All, LiveSubscription.For(["pi", "*"]));
    }
}
