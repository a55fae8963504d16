using System.Text;
using System.Text.Json;
using Lumen.Hub.LiveFeed;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.LiveFeed;

public sealed class LiveFrameBuilderSpecs
{
    private const long Ts0 = 1_800_000_000;

    private static readonly LiveSnapshot[] Hosts =
    [
        new()
        {
            HostId = 1, Host = "nas", Ts = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero), [ScalarMetrics.CpuPct] = 12.5,
            CpuSeries = [new CpuPoint(Ts0, 12.5f)], CpuPerCore = [10, 15],
            Containers = [new ContainerSample { Id = "abc", Name = "jellyfin", Image = "jellyfin/jellyfin", State = "running" }],
            System = new SystemInfo { Os = "Debian", Hostname = "nas" },
        },
        new() { HostId = 2, Host = "pi", [ScalarMetrics.CpuPct] = 80, CpuSeries = [new CpuPoint(Ts0, 80)] },
        new() { HostId = 3, Host = "router", CpuSeries = [new CpuPoint(Ts0, 1)] },
    ];

    /// <summary>A host whose series holds one point every 5 s from <see cref="Ts0"/>, <paramref name="points"/> of them.</summary>
    private static LiveSnapshot Host(long id, string name, int points) => new()
    {
        HostId = id, Host = name, [ScalarMetrics.CpuPct] = points,
        CpuSeries = Enumerable.Range(0, points).Select(i => new CpuPoint(Ts0 + 5 * i, i)).ToArray(),
    };

    private static string Text(LiveFrame frame) => Encoding.UTF8.GetString(frame.Utf8Json.Span);

    private static LiveSnapshot[] Parse(LiveFrame frame) => JsonSerializer.Deserialize(frame.Utf8Json.Span, LumenJson.LiveSnapshotArray)!;

    [Fact]
    public void LiveFrameBuilder_should_write_exactly_what_serialising_the_array_writes()
    {
        var frame = new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.All, LiveFrameForm.Full);

        Assert.Equal(JsonSerializer.Serialize(Hosts, LumenJson.LiveSnapshotArray), Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_hold_only_the_subscribed_hosts()
    {
        var frame = new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.For(["pi", "3"]), LiveFrameForm.Full);

        Assert.Equal(JsonSerializer.Serialize(Hosts[1..], LumenJson.LiveSnapshotArray), Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_send_an_empty_array_when_no_host_matches()
    {
        Assert.Equal("[]", Text(new LiveFrameBuilder(Hosts).FrameFor(LiveSubscription.For(["gone"]), LiveFrameForm.Delta)));
        Assert.Equal("[]", Text(new LiveFrameBuilder([]).FrameFor(LiveSubscription.All, LiveFrameForm.Full)));
    }

    [Fact]
    public void LiveFrameBuilder_should_build_one_frame_per_distinct_subscription_and_form()
    {
        var builder = new LiveFrameBuilder(Hosts, LiveSeriesBaseline.Of(Hosts));

        var first = builder.FrameFor(LiveSubscription.For(["pi", "nas"]), LiveFrameForm.Delta);
        var same = builder.FrameFor(LiveSubscription.For(["nas", "pi"]), LiveFrameForm.Delta);
        var full = builder.FrameFor(LiveSubscription.For(["nas", "pi"]), LiveFrameForm.Full);
        builder.FrameFor(LiveSubscription.All, LiveFrameForm.Delta);

        Assert.Same(first, same);
        Assert.NotEqual(Text(first), Text(full));
        Assert.Equal(3, builder.FramesBuilt);
    }

    [Fact]
    public void LiveFrameBuilder_should_send_in_a_delta_only_the_points_after_the_previous_rounds_newest()
    {
        var before = Host(1, "nas", 118);
        var now = Host(1, "nas", 120);

        var frame = new LiveFrameBuilder([now], LiveSeriesBaseline.Of([before])).FrameFor(LiveSubscription.All, LiveFrameForm.Delta);

        var nas = Assert.Single(Parse(frame));
        Assert.Null(nas.CpuSeries);
        Assert.Equal(Ts0 + 5 * 117, nas.CpuAfterTs);
        Assert.Equal([Ts0 + 5 * 118, Ts0 + 5 * 119], nas.CpuAppend!.Select(p => p.Ts));
        Assert.Equal(120, nas[ScalarMetrics.CpuPct]); // everything but the series is whole
        Assert.DoesNotContain("cpu_series", Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_send_an_empty_append_for_a_host_with_no_new_point()
    {
        var nas = Host(1, "nas", 3);

        var delta = Assert.Single(Parse(new LiveFrameBuilder([nas], LiveSeriesBaseline.Of([nas])).FrameFor(LiveSubscription.All, LiveFrameForm.Delta)));

        Assert.Empty(delta.CpuAppend!);
        Assert.Equal(Ts0 + 10, delta.CpuAfterTs);
    }

    [Fact]
    public void LiveFrameBuilder_should_leave_the_delta_fields_out_of_a_full_frame()
    {
        var nas = Host(1, "nas", 3);

        var frame = new LiveFrameBuilder([nas], LiveSeriesBaseline.Of([nas])).FrameFor(LiveSubscription.All, LiveFrameForm.Full);

        Assert.Equal(3, Assert.Single(Parse(frame)).CpuSeries!.Length);
        Assert.DoesNotContain("cpu_append", Text(frame));
        Assert.DoesNotContain("cpu_after_ts", Text(frame));
    }

    [Fact]
    public void LiveFrameBuilder_should_send_in_full_within_a_delta_a_host_the_previous_round_did_not_carry()
    {
        var frame = new LiveFrameBuilder([Host(1, "nas", 5), Host(2, "pi", 5)], LiveSeriesBaseline.Of([Host(1, "nas", 4)]))
            .FrameFor(LiveSubscription.All, LiveFrameForm.Delta);

        var (nas, pi) = (Parse(frame)[0], Parse(frame)[1]);
        Assert.Single(nas.CpuAppend!);
        Assert.Null(pi.CpuAppend);
        Assert.Equal(5, pi.CpuSeries!.Length);
    }

    [Fact]
    public void LiveFrameBuilder_should_send_in_full_a_host_renamed_into_a_subscription_by_name()
    {
        var baseline = LiveSeriesBaseline.Of([Host(1, "old-name", 4), Host(2, "pi", 4)]);

        var frame = new LiveFrameBuilder([Host(1, "nas", 5), Host(2, "pi", 5)], baseline).FrameFor(LiveSubscription.For(["nas", "pi"]), LiveFrameForm.Delta);

        var (nas, pi) = (Parse(frame)[0], Parse(frame)[1]);
        Assert.Equal(5, nas.CpuSeries!.Length); // its connections were not sent "old-name"
        Assert.Single(pi.CpuAppend!);
    }

    [Fact]
    public void LiveFrameBuilder_should_send_in_full_a_host_whose_series_went_back()
    {
        var frame = new LiveFrameBuilder([Host(1, "nas", 2)], LiveSeriesBaseline.Of([Host(1, "nas", 50)])).FrameFor(LiveSubscription.All, LiveFrameForm.Delta);

        Assert.Equal(2, Assert.Single(Parse(frame)).CpuSeries!.Length);
    }

    [Fact]
    public void LiveFrameBuilder_should_send_the_whole_ring_as_the_append_when_more_than_a_ring_came_since()
    {
        var ring = Host(1, "nas", 300) with { CpuSeries = Host(1, "nas", 300).CpuSeries![^120..] };

        var delta = Assert.Single(Parse(new LiveFrameBuilder([ring], LiveSeriesBaseline.Of([Host(1, "nas", 10)])).FrameFor(LiveSubscription.All, LiveFrameForm.Delta)));

        Assert.Equal(ring.CpuSeries, delta.CpuAppend); // appended and trimmed to 120, the client holds the ring
    }
}
