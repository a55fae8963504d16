using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>The host actors keep each host's accepted frames until the durability ledger resolves their numbers, and answer them for history.</summary>
public sealed class HostUnflushedSpecs : TestKit
{
    private static readonly HostId Nas = new(1);
    private static readonly HostId Pi = new(2);

    private readonly DurabilityLedger _ledger = new();
    private readonly IActorRef _hosts;

    public HostUnflushedSpecs() : base(HostMailbox.Hocon) =>
        _hosts = Sys.ActorOf(HostsActor.Props(tracking: new UnflushedTracking(_ledger, FramesPerHost: 4)), "hosts");

    /// <summary>Accepts a frame as ingest does: numbered, then told to the hosts actor; its cpu_pct is its number.</summary>
    private long Accept(HostId host, int secondsAfterT0)
    {
        var seq = _ledger.Issue(host);
        _hosts.Tell(new HostCommands.RecordSnapshot(host, "nas", Frames.AfterT0(secondsAfterT0, cpuPct: seq), Frames.T0, seq));
        return seq;
    }

    private async Task<long[]> UnflushedAsync(HostId host)
    {
        var view = await _hosts.Ask<HostUnflushedView>(new HostQueries.GetUnflushed(host, long.MinValue, long.MaxValue), TimeSpan.FromSeconds(3));
        Assert.Equal(host, view.HostId);
        Assert.All(view.Frames, frame => Assert.Equal(frame.Seq, frame.Values.Span[ScalarMetrics.CpuPct.Index]));
        return [.. view.Frames.Select(frame => frame.Seq)];
    }

    [Fact]
    public async Task HostsActor_should_answer_a_hosts_accepted_frames_until_their_numbers_are_resolved()
    {
        var (first, second, third) = (Accept(Nas, 0), Accept(Nas, 5), Accept(Nas, 10));
        Assert.Equal([first, second, third], await UnflushedAsync(Nas));

        // The first is committed (the watermark moves past it); the third is refused, ahead of the watermark.
        _ledger.Resolve(Nas, first);
        _ledger.Resolve(Nas, third);

        Assert.Equal([second], await UnflushedAsync(Nas));
        Assert.Empty(await UnflushedAsync(Pi));
    }

    [Fact]
    public async Task HostsActor_should_let_refused_frames_go_before_acknowledged_ones_when_a_hosts_frames_are_full()
    {
        // The disk is stuck: two frames acknowledged and waiting, two refused with a 503.
        var acknowledged = new[] { Accept(Nas, 0), Accept(Nas, 5) };
        foreach (var refused in new[] { Accept(Nas, 10), Accept(Nas, 15) }) _ledger.Resolve(Nas, refused);

        // Full: the refused frames make room, so the oldest acknowledged frames stay.
        var newest = Accept(Nas, 20);

        Assert.Equal(acknowledged.Append(newest).ToArray(), await UnflushedAsync(Nas));
    }
}
