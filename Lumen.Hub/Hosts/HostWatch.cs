using Lumen.Protocol.Ingest;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Something that judges one host's frames where they land, inside its <see cref="HostActor"/>
/// (the alert engine): no message and no thread hop per frame. The host actor hands it every
/// frame that became the host's latest, the messages it does not know itself, and a timer at
/// <see cref="NextDeadline"/>; the watch tells whoever it reports to on its own.
/// </summary>
public interface IHostWatch
{
    /// <summary>A frame that became the host's latest, received at <paramref name="receivedAt"/> by the hub's clock.</summary>
    void Observe(IngestFrame frame, DateTimeOffset receivedAt);

    /// <returns>false when <paramref name="message"/> is not the watch's.</returns>
    bool Handle(object message, DateTimeOffset now);

    /// <summary>The timer ran out at <paramref name="now"/>.</summary>
    void Tick(DateTimeOffset now);

    /// <summary>When the watch wants <see cref="Tick"/> next, or null for never.</summary>
    DateTimeOffset? NextDeadline { get; }
}

/// <summary>Makes the watch of a host actor, when it is created.</summary>
public delegate IHostWatch HostWatchFactory(HostId hostId, string name);

/// <summary>
/// HostsActor's broadcast: every host in <paramref name="Hosts"/> gets an actor if it has none
/// (so a host that never reports still has a timer), and every host actor gets
/// <paramref name="Message"/>. The last broadcast also goes to host actors created after it.
/// </summary>
public sealed record TellEveryHost(object Message, IReadOnlyDictionary<HostId, string> Hosts);

/// <summary>
/// The hosts table changed (a host added, renamed, re-keyed or removed, or its tags set):
/// published on the event stream for whatever keeps a view of every host.
/// </summary>
public sealed record HostsTableChanged;
