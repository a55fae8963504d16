using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Hosts;

public sealed class HostsActorSpecs : TestKit
{
    private static readonly HostId Nas = new(1);
    private static readonly HostId Pi = new(2);

    private readonly IActorRef _hosts;

    public HostsActorSpecs() : base(HostMailbox.Hocon) => _hosts = Sys.ActorOf(HostsActor.Props(), "hosts");

    private void Record(HostId host, string name, int secondsAfterT0, double cpu, DateTimeOffset? receivedAt = null) =>
        _hosts.Tell(new HostCommands.RecordSnapshot(host, name, Frames.AfterT0(secondsAfterT0, cpu), receivedAt ?? Frames.T0.AddSeconds(secondsAfterT0 + 1)));

    private async Task<HostLiveView> LiveAsync(HostId host) =>
        await _hosts.Ask<HostLiveView>(new HostQueries.GetLiveSnapshot(host), TimeSpan.FromSeconds(3));

    [Fact]
    public async Task HostsActor_should_keep_each_hosts_latest_snapshot_apart()
    {
        Record(Nas, "nas", 0, 10);
        Record(Pi, "pi", 0, 90);
        Record(Nas, "nas", 5, 20);

        var nas = (await LiveAsync(Nas)).Snapshot!;
        var pi = (await LiveAsync(Pi)).Snapshot!;

        Assert.Equal(("nas", 20.0), (nas.Host, nas[ScalarMetrics.CpuPct]));
        Assert.Equal(("pi", 90.0), (pi.Host, pi[ScalarMetrics.CpuPct]));
        Assert.Equal([10f, 20f], nas.CpuSeries!.Select(p => p.CpuPct));
        Assert.Equal(2, await _hosts.Ask<int>(new HostQueries.CountLiveHosts(), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task HostActor_should_not_let_an_older_buffered_frame_replace_the_latest()
    {
        var lateArrival = Frames.T0.AddMinutes(10);
        Record(Nas, "nas", 60, 30);
        Record(Nas, "nas", 10, 99, receivedAt: lateArrival);

        var nas = (await LiveAsync(Nas)).Snapshot!;

        Assert.Equal(30, nas[ScalarMetrics.CpuPct]);
        Assert.Equal(Frames.T0.AddSeconds(60), nas.Ts);
        Assert.Equal(lateArrival, nas.ReceivedAt); // still proves the host alive
        Assert.Single(nas.CpuSeries!);
    }

    [Fact]
    public async Task HostsActor_should_answer_an_empty_view_for_a_host_not_heard_from()
    {
        var view = await LiveAsync(new HostId(42));

        Assert.Null(view.Snapshot);
    }

    [Fact]
    public async Task HostsActor_should_drop_a_hosts_live_state_when_it_is_evicted()
    {
        Record(Nas, "nas", 0, 10);
        Assert.NotNull((await LiveAsync(Nas)).Snapshot);

        _hosts.Tell(new HostCommands.EvictHost(Nas));

        Assert.Null((await LiveAsync(Nas)).Snapshot);
        Assert.Equal(0, await _hosts.Ask<int>(new HostQueries.CountLiveHosts(), TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task HostActor_should_take_a_new_name_when_the_host_is_renamed()
    {
        Record(Nas, "nas", 0, 10);
        Record(Nas, "storage", 5, 10);

        Assert.Equal("storage", (await LiveAsync(Nas)).Snapshot!.Host);
    }
}
