using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Alerts;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Journal;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using static Lumen.Hub.Specs.Alerts.AlertRules;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>
/// The alert engine inside the host actors, on virtual time: the policy reaches every
/// registered host (one that never reports included), the offline timer is the host's own,
/// and what a host decides goes to the journal.
/// </summary>
public sealed class AlertWatchSpecs : TestKit
{
    private const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    private readonly TestProbe _journal;
    private readonly IActorRef _hosts;

    public AlertWatchSpecs() : base(HostMailbox.Hocon + "\n" + VirtualTime)
    {
        _journal = CreateTestProbe();
        var journal = _journal.Ref;
        var system = Sys;
        HostWatchFactory watch = (host, name) => new AlertWatch(host, name, system.Scheduler.Now, journal);
        _hosts = Sys.ActorOf(HostsActor.Props(watch), "hosts");
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private async Task SendPolicyAsync(params Lumen.Hub.Alerts.Rules.AlertRule[] rules)
    {
        var policy = Policy(rules);
        _hosts.Tell(new TellEveryHost(policy, policy.Hosts.ToDictionary(h => new HostId(h.Key), h => h.Value.Name)));
        await _hosts.Ask<HostLiveView>(new HostQueries.GetLiveSnapshot(new HostId(1)), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Host_that_never_reports_should_go_offline_by_its_own_timer()
    {
        await SendPolicyAsync(Rule(3, "offline", forSeconds: 90));
        await _journal.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        Clock.Advance(TimeSpan.FromSeconds(89));
        await _journal.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromSeconds(2));

        var record = await _journal.ExpectMsgAsync<AlertJournalMessages.Record>();
        var fired = Assert.IsType<AlertFired>(Assert.Single(record.Transitions));
        Assert.Equal(new AlertKey(3, 1, ""), fired.Key);
    }

    [Fact]
    public async Task Frames_should_keep_a_host_from_going_offline_and_a_breach_should_reach_the_journal()
    {
        await SendPolicyAsync(Rule(3, "offline", forSeconds: 60), Rule(7, "cpu_pct", threshold: 80));

        for (var i = 0; i < 4; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            _hosts.Tell(new HostCommands.RecordSnapshot(new HostId(1), "web-1", Frames.At(Clock.Now, cpuPct: 10), Clock.Now));
            // Virtual time only moves on once the host has taken the frame, as real time would.
            await _hosts.Ask<HostLiveView>(new HostQueries.GetLiveSnapshot(new HostId(1)), TimeSpan.FromSeconds(3));
        }
        await _journal.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        _hosts.Tell(new HostCommands.RecordSnapshot(new HostId(1), "web-1", Frames.At(Clock.Now.AddSeconds(1), cpuPct: 95), Clock.Now));
        var record = await _journal.ExpectMsgAsync<AlertJournalMessages.Record>();
        Assert.Equal(7, Assert.IsType<AlertFired>(Assert.Single(record.Transitions)).Key.RuleId);
    }
}
