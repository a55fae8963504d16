using Akka.Actor;
using Akka.Hosting;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Parent of one <see cref="HostActor"/> per host that has reported since start or was named
/// by a <see cref="TellEveryHost"/> broadcast, created on first need and routed by
/// <see cref="IWithHostId"/>.
/// </summary>
public sealed class HostsActor : ReceiveActor
{
    private readonly HostWatchFactory? _watch;
    private readonly UnflushedTracking? _tracking;
    private TellEveryHost? _lastBroadcast;

    // A dictionary rather than Context.Child(name): this runs for every ingest, and a
    // name lookup would build a string per frame.
    private readonly Dictionary<HostId, IActorRef> _children = [];

    // When each host was last heard from and what it says it runs: kept here, where every frame
    // passes anyway, so listing hosts is one message instead of one per host actor.
    private readonly Dictionary<HostId, HostPresence> _presence = [];

    public HostsActor(HostWatchFactory? watch, UnflushedTracking? tracking)
    {
        (_watch, _tracking) = (watch, tracking);
        Receive<HostCommands.RecordSnapshot>(record =>
        {
            ChildFor(record.HostId, record.HostName).Forward(record);
            _presence[record.HostId] = record.Frame.System is { } system
                ? new HostPresence(record.ReceivedAt, system, record.ReceivedAt)
                : _presence.TryGetValue(record.HostId, out var known) ? known with { ReceivedAt = record.ReceivedAt } : new HostPresence(record.ReceivedAt, null);
        });
        Receive<HostCommands.EvictHost>(evict =>
        {
            _presence.Remove(evict.HostId);
            if (!_children.Remove(evict.HostId, out var child)) return;
            Context.Unwatch(child);
            Context.Stop(child);
        });
        Receive<HostQueries.GetPresence>(_ => Sender.Tell(new HostPresenceView(new Dictionary<HostId, HostPresence>(_presence))));
        Receive<HostQueries.GetLiveSnapshot>(query =>
        {
            if (_children.TryGetValue(query.HostId, out var child)) child.Forward(query);
            else Sender.Tell(new HostLiveView(query.HostId, null));
        });
        Receive<HostQueries.GetProcesses>(query =>
        {
            if (_children.TryGetValue(query.HostId, out var child)) child.Forward(query);
            else Sender.Tell(new HostProcessesView(query.HostId, null, []));
        });
        Receive<HostQueries.GetUnflushed>(query =>
        {
            if (_children.TryGetValue(query.HostId, out var child)) child.Forward(query);
            else Sender.Tell(new HostUnflushedView(query.HostId, []));
        });
        Receive<HostQueries.CountLiveHosts>(_ => Sender.Tell(_children.Count));
        Receive<HostQueries.CollectLiveSnapshots>(HandleCollect);
        Receive<ChildStopped>(stopped => _children.Remove(stopped.HostId));
        Receive<TellEveryHost>(HandleBroadcast);
        // Anything else for one host (a silence, say) goes to its actor, if it has one.
        Receive<IWithHostId>(message =>
        {
            if (_children.TryGetValue(message.HostId, out var child)) child.Forward(message);
        });
    }

    private void HandleBroadcast(TellEveryHost broadcast)
    {
        var existing = _children.Values.ToList();
        _lastBroadcast = broadcast;
        // A child created now gets the message from ChildFor.
        foreach (var (hostId, name) in broadcast.Hosts) ChildFor(hostId, name);
        foreach (var child in existing) child.Tell(broadcast.Message);
    }

    private void HandleCollect(HostQueries.CollectLiveSnapshots collect)
    {
        collect.ReplyTo.Tell(new LiveCollectionStarted(collect.Round, _children.Count));
        // The hosts answer the collector directly: nothing per host comes back through here.
        var report = new HostQueries.ReportLiveSnapshot(collect.Round, collect.ReplyTo);
        foreach (var child in _children.Values) child.Tell(report);
    }

    private IActorRef ChildFor(HostId hostId, string name)
    {
        if (_children.TryGetValue(hostId, out var child)) return child;
        child = Context.ActorOf(HostActor.Props(hostId, name, _watch, _tracking), "host-" + hostId);
        Context.WatchWith(child, new ChildStopped(hostId));
        _children[hostId] = child;
        if (_lastBroadcast is { } last) child.Tell(last.Message);
        return child;
    }

    private sealed record ChildStopped(HostId HostId);

    public static Props Props(HostWatchFactory? watch = null, UnflushedTracking? tracking = null) =>
        Akka.Actor.Props.Create(() => new HostsActor(watch, tracking));
}

public static class HostsActorWiring
{
    /// <summary>
    /// The hosts actor; its host actors run the <see cref="HostWatchFactory"/> registered in
    /// <paramref name="services"/>, if any, and keep unflushed frames as its <see cref="UnflushedTracking"/> says.
    /// </summary>
    public static AkkaConfigurationBuilder AddHostsActor(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder
            .AddHocon(HostMailbox.Hocon, HoconAddMode.Append)
            .WithActors((system, registry) =>
                registry.Register<HostsActor>(system.ActorOf(HostsActor.Props(services.GetService<HostWatchFactory>(), services.GetService<UnflushedTracking>()), "hosts")));
}
