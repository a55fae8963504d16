using Akka.Actor;
using Akka.Configuration;
using Lumen.Agent.Sending;
using Lumen.Faults.Specs.Support;

namespace Lumen.Faults.Specs.Fleet;

/// <summary>
/// N simulated agents in one actor system, each the agent's own <see cref="SenderActor"/> and
/// <see cref="HubClient"/> over a buffer in memory, fed by a collector that makes a frame
/// every interval. Every post passes a <see cref="DeliveryRecorder"/>, so the
/// <see cref="FleetLedger"/> knows what was collected, sent and acknowledged. The collectors
/// never stop before the fleet is disposed: like the real agent, a sender drains its buffer on
/// each tick's frame, so a scenario waits for the frames collected before a cut-off instead.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = ERROR
        akka.stdout-loglevel = ERROR
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    private readonly ActorSystem _system;
    private readonly HttpMessageHandler _handler;
    private readonly List<IActorRef> _collectors = [];
    private readonly List<IActorRef> _senders = [];

    private SimulatedFleet(ActorSystem system, HttpMessageHandler handler, FleetLedger ledger) =>
        (_system, _handler, Ledger) = (system, handler, ledger);

    public FleetLedger Ledger { get; }
    public int Count => _senders.Count;

    public static SimulatedFleet Start(Uri hub, IReadOnlyList<HostCredential> hosts, TimeSpan interval, int drain = 10)
    {
        var ledger = new FleetLedger();
        var handler = new DeliveryRecorder(ledger, hosts.ToDictionary(h => h.Token, h => h.Id),
            new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) });
        var fleet = new SimulatedFleet(ActorSystem.Create("faults-fleet", Quiet), handler, ledger);
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            var client = new HubClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = hub }, host.Token);
            var buffer = fleet._system.ActorOf(MemoryFrameBuffer.Props(), $"buffer-{host.Id}");
            var sender = fleet._system.ActorOf(SenderActor.Props(client, buffer, drain, interval), $"sender-{host.Id}");
            var offset = interval * i / hosts.Count;
            fleet._collectors.Add(fleet._system.ActorOf(SimCollectorActor.Props(ledger, host.Id, host.Name, sender, interval, offset), $"collector-{host.Id}"));
            fleet._senders.Add(sender);
        }
        return fleet;
    }

    public async Task<IReadOnlyList<SenderStatus>> StatusesAsync() =>
        await Task.WhenAll(_senders.Select(s => s.Ask<SenderStatus>(SenderQueries.GetSenderStatus.Instance, TimeSpan.FromSeconds(30))));

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _handler.Dispose();
    }
}
