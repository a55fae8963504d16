using Akka.Actor;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Owns one host's live truth: its latest snapshot, when it was received and its CPU ring.
/// Nothing here touches disk; the batcher persists frames and last-seen on its own schedule.
/// </summary>
/// <remarks>
/// An <see cref="UntypedActor"/> rather than a ReceiveActor: a hub holds one of these per
/// host, thousands of them, and ReceiveActor keeps a handler table in every instance.
/// </remarks>
public sealed class HostActor(HostId hostId, string name) : UntypedActor
{
    private readonly HostLiveState _state = new(hostId, name);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HostCommands.RecordSnapshot record:
                if (record.HostName != _state.Name) _state.Rename(record.HostName);
                _state.Apply(record.Frame, record.ReceivedAt);
                break;
            case HostQueries.GetLiveSnapshot:
                Sender.Tell(new HostLiveView(_state.HostId, _state.ToLiveSnapshot()));
                break;
            case HostQueries.ReportLiveSnapshot report:
                report.ReplyTo.Tell(new HostLiveReport(report.Round, _state.HostId, _state.ToLiveSnapshot()));
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    public static Props Props(HostId hostId, string name) =>
        Akka.Actor.Props.Create(() => new HostActor(hostId, name)).WithMailbox(HostMailbox.ConfigPath);
}
