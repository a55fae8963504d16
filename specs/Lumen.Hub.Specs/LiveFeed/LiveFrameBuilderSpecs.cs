using System.Text;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.LiveFeed;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class LiveFrameBuilderSpecs
{
    private static readonly LiveSnapshot[] Hosts =
    [
        new()
        {
            HostId = 1, Host = "nas", Ts = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), [ScalarMetrics.CpuPct] = 12.5,
            CpuSeries = [new CpuPoint(1_800_000_000, 12.5f)], CpuPerCore = [10, 15],
            Containers = [new ContainerSample { Id = "abc", Name = "jellyfin", Image = "jellyfin/jellyfin", State = "running" }],
            System = new SystemInfo { Os = "Debian", Hostname = "nas" },
        },
        new() { HostId = 2, Host = "pi", [ScalarMetrics.CpuPct] = 80 },
        new() { HostId = 3, Host = "router" },
    ];

    private static string Text(LiveFrame frame) => Encoding.UTF8.GetString(frame.Utf8Json.Span);

    [Fact]
    public void LiveFrameBuilder_should_write_exactly_what_serialising_the_array_writes()
    {
        var frame = new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.All);

        Assert.Equal(JsonSerializer.Serialize(Hosts, LumenJson.LiveSnapshotArray), Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_hold_only_the_subscribed_hosts()
    {
        var frame = new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.For(["pi", "3"]));

        Assert.Equal(JsonSerializer.Serialize(Hosts[1..], LumenJson.LiveSnapshotArray), Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_send_an_empty_array_when_no_host_matches()
    {
        Assert.Equal("[]", Text(new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.For(["gone"]))));
        Assert.Equal("[]", Text(new LiveFrameBuilder([]).FrameFor(LiveSubscription.All)));
    }

    [Fact]
    public void LiveFrameBuilder_should_build_one_frame_per_distinct_subscription()
    {
        var builder = new LiveFrameBuilder(Hosts);

        var first = builder.FrameFor(LiveSubscription.For(["pi", "nas"]));
        var same = builder.FrameFor(LiveSubscription.For(["nas", "pi"]));
        builder.FrameFor(LiveSubscription.All);

        Assert.Same(first, same);
        Assert.Equal(2, builder.FramesBuilt);
    }
}
