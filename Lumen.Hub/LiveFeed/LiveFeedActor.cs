using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Alerts;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// The live stream's pub-sub: owns the set of stream connections and, every stream interval,
/// collects each host's snapshot from the host actors and hands every connection the frame
/// for its subscription. Collecting once an interval (rather than host actors publishing each
/// frame) keeps the ingest path free of it, and nothing is collected while nobody listens.
/// It remembers what the last round sent of each host's CPU series, so connections that took
/// that round get only the points gained since. Connections are pumped outside the actor;
/// each only gives the feed a bounded queue.
/// </summary>
public sealed class LiveFeedActor : ReceiveActor, IWithTimers
{
    private const string TickKey = "tick";
    private const string DeadlineKey = "deadline";

    private readonly IActorRef _hosts;
    private readonly TimeSpan _interval;
    private readonly LiveFeedSubscribers _subscribers = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private LiveRound? _round;
    private LiveSeriesBaseline _baseline = LiveSeriesBaseline.None;
    private long _rounds;

    public LiveFeedActor(IActorRef hosts, TimeSpan interval)
    {
        (_hosts, _interval) = (hosts, interval);

        Receive<LiveFeedCommands.Subscribe>(subscribe => _subscribers.Add(subscribe.SubscriberId, subscribe.Queue, subscribe.Subscription));
        Receive<LiveFeedCommands.ChangeSubscription>(change => { _subscribers.Change(change.SubscriberId, change.Subscription); });
        Receive<LiveFeedCommands.Unsubscribe>(unsubscribe => { _subscribers.Remove(unsubscribe.SubscriberId); });
        Receive<LiveFeedQueries.GetStatus>(_ => Sender.Tell(new LiveFeedStatus(_subscribers.Count, _rounds)));
        Receive<Tick>(_ => StartRound());
        // An alert fired or resolved: every open dashboard hears of it at once, not at the next round.
        Receive<AlertEventRaised>(raised => _subscribers.Broadcast(new LiveFrame(AlertStreamFrame.Utf8(raised))));
        Receive<LiveCollectionStarted>(started =>
        {
            if (_round is not { } round || round.Number != started.Round) return;
            round.Expect(started.Hosts);
            PublishIfComplete();
        });
        Receive<HostLiveReport>(report =>
        {
            if (_round is not { } round || round.Number != report.Round) return; // late, for a round already sent
            round.Add(report.Snapshot);
            PublishIfComplete();
        });
        Receive<RoundDeadline>(deadline =>
        {
            if (_round is not { } round || round.Number != deadline.Round) return;
            _log.Warning("Live feed round {0}: {1} host actors did not answer within {2}; the frame goes out without them, so browsers miss those hosts for one update. The hub is short of CPU: check what else runs on its machine",
                deadline.Round, round.Missing?.ToString() ?? "the hosts actor and all", CollectTimeout);
            Publish(round);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Half an interval: a round that takes longer is sent with what it has, before the next starts.</summary>
    private TimeSpan CollectTimeout => _interval / 2;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(TickKey, Tick.Instance, _interval);
        Context.System.EventStream.Subscribe(Self, typeof(AlertEventRaised));
    }

    private void StartRound()
    {
        if (_subscribers.Count == 0 || _round is not null) return;
        _round = new LiveRound(++_rounds);
        _hosts.Tell(new HostQueries.CollectLiveSnapshots(_round.Number, Self));
        Timers.StartSingleTimer(DeadlineKey, new RoundDeadline(_round.Number), CollectTimeout);
    }

    private void PublishIfComplete()
    {
        if (_round is { IsComplete: true } round) Publish(round);
    }

    private void Publish(LiveRound round)
    {
        _round = null;
        Timers.Cancel(DeadlineKey);
        var snapshots = round.Snapshots();
        var frames = new LiveFrameBuilder(snapshots, _baseline);
        var outcome = _subscribers.Publish(frames, Context.System.Scheduler.Now);
        // Every connection was offered this round's frame: the next round's deltas follow on from it.
        _baseline = LiveSeriesBaseline.Of(snapshots);
        foreach (var slow in outcome.Dropping)
            _log.Warning("Live stream connection {0} (hosts {1}) is not keeping up: {2} frames dropped, oldest first, since the last report. That browser, or its network, is too slow for the stream; it sees fewer updates, and nothing else waits for it",
                slow.SubscriberId, slow.Subscription, slow.Dropped);
        Context.System.EventStream.Publish(new LiveFramesPublished(round.Number, snapshots.Count, outcome.Offered, frames.FramesBuilt, outcome.OfferedFull));
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record RoundDeadline(long Round);

    public static Props Props(IActorRef hosts, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new LiveFeedActor(hosts, interval));
}

public static class LiveFeedActorWiring
{
    /// <summary>Adds the feed at /user/live-feed; the hosts actor must be registered before it.</summary>
    public static AkkaConfigurationBuilder AddLiveFeed(this AkkaConfigurationBuilder builder, TimeSpan interval) =>
        builder.WithActors((system, registry) =>
            registry.Register<LiveFeedActor>(system.ActorOf(LiveFeedActor.Props(registry.Get<HostsActor>(), interval), "live-feed")));
}
