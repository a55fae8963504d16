using System.Text;
using Lumen.Hub.LiveFeed;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class ControlFrameSpecs
{
    private static LiveSubscription? Parse(string json) => ControlFrame.ParseSubscribe(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ControlFrame_should_read_a_subscribe_list_of_names()
    {
        var subscription = Parse("""{"type":"subscribe","hosts":["pi","nas"]}""");

        Assert.NotNull(subscription);
        Assert.Equal(["nas", "pi"], subscription.Hosts);
    }

    [Fact]
    public void ControlFrame_should_take_ids_as_numbers_or_text()
    {
        var subscription = Parse("""{"hosts":[7,"12"],"type":"subscribe"}""");

        Assert.Equal(LiveSubscription.For(["7", "12"]), subscription);
    }

    [Theory]
    [InlineData("""{"type":"subscribe","hosts":["*"]}""")]
    [InlineData("""{"type":"subscribe","hosts":["pi","*"]}""")]
    [InlineData("""{"type":"subscribe","hosts":[]}""")]
    [InlineData("""{"type":"subscribe","hosts":null}""")]
    [InlineData("""{"type":"subscribe"}""")]
    public void ControlFrame_should_mean_every_host_when_the_list_is_a_star_empty_or_missing(string json)
    {
        Assert.Same(LiveSubscription.All, Parse(json));
    }

    [Theory]
    [InlineData("""{"type":"unsubscribe","hosts":["pi"]}""")]
    [InlineData("""{"type":"Subscribe","hosts":["pi"]}""")]
    [InlineData("""{"hosts":["pi"]}""")]
    [InlineData("""{"type":7,"hosts":["pi"]}""")]
    [InlineData("""{"type":"subscribe","hosts":"pi"}""")]
    [InlineData("""{"type":"subscribe","hosts":[["pi"]]}""")]
    [InlineData("""{"type":"subscribe","hosts":[1.5]}""")]
    [InlineData("""{"type":"subscribe","hosts":[null]}""")]
    [InlineData("""["subscribe"]""")]
    [InlineData("""{"type":"subscribe","hosts":["pi"]""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void ControlFrame_should_ignore_anything_but_a_well_formed_subscribe(string json)
    {
        Assert.Null(Parse(json));
    }

    [Fact]
    public void ControlFrame_should_ignore_a_message_longer_than_the_cap()
    {
        var names = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"host-{i:D4}\""));
        var json = $$"""{"type":"subscribe","hosts":[{{names}}]}""";
        Assert.True(Encoding.UTF8.GetByteCount(json) > ControlFrame.MaxBytes);

        Assert.Null(Parse(json));
    }
}
