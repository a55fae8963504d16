using Akka.Actor;
using Lumen.Protocol.Live;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Owns one host's live truth: its latest snapshot, when it was received and its CPU ring.
/// Nothing here touches disk; the batcher persists frames and last-seen on its own schedule.
/// </summary>
public sealed class HostActor : ReceiveActor
{
    private readonly HostLiveState _state;

    public HostActor(HostId hostId, string name)
    {
        _state = new HostLiveState(hostId, name);

        Receive<HostCommands.RecordSnapshot>(record =>
        {
            if (record.HostName != _state.Name) _state.Rename(record.HostName);
            _state.Apply(record.Frame, record.ReceivedAt);
        });
        Receive<HostQueries.GetLiveSnapshot>(_ => Sender.Tell(new HostLiveView(_state.HostId, _state.ToLiveSnapshot())));
    }

    public static Props Props(HostId hostId, string name) => Akka.Actor.Props.Create(() => new HostActor(hostId, name));
}
