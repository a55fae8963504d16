using Akka.Actor;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;

namespace Lumen.Hub.Hosts;

/// <summary>Commands to the host actors.</summary>
public static class HostCommands
{
    /// <summary>
    /// An accepted ingest: update the live state of the host it belongs to, and keep the frame
    /// for history until its durability number <paramref name="Seq"/> is resolved (0: a frame
    /// that was given no number, kept for the live state only).
    /// </summary>
    public sealed record RecordSnapshot(HostId HostId, string HostName, IngestFrame Frame, DateTimeOffset ReceivedAt, long Seq = 0) : IWithHostId;

    /// <summary>The host was deleted: drop its actor and live state at once.</summary>
    public sealed record EvictHost(HostId HostId) : IWithHostId;

    /// <summary>
    /// The host's alerts are silenced until <paramref name="Until"/> (null: not silenced), as the
    /// hosts table now says: its events still record, marked suppressed, and nothing is sent.
    /// </summary>
    public sealed record SetSilence(HostId HostId, DateTimeOffset? Until) : IWithHostId;
}

/// <summary>Questions the host actors answer.</summary>
public static class HostQueries
{
    /// <summary>Answered with a <see cref="HostLiveView"/>.</summary>
    public sealed record GetLiveSnapshot(HostId HostId) : IWithHostId;

    /// <summary>Answered with a <see cref="HostProcessesView"/>: the processes of the host's latest frame.</summary>
    public sealed record GetProcesses(HostId HostId) : IWithHostId;

    /// <summary>
    /// Answered with a <see cref="HostUnflushedView"/>: the host's accepted frames with
    /// <paramref name="FromMs"/> ≤ ts &lt; <paramref name="ToMs"/> that are neither committed nor
    /// refused when the question is answered, for a history answer to add to what SQLite holds.
    /// </summary>
    public sealed record GetUnflushed(HostId HostId, long FromMs, long ToMs) : IWithHostId;

    /// <summary>Answered with a <see cref="HostPresenceView"/> of every host heard from since start.</summary>
    public sealed record GetPresence
    {
        public static readonly GetPresence Instance = new();
    }

    /// <summary>Answered with the number of host actors alive.</summary>
    public sealed record CountLiveHosts;

    /// <summary>
    /// Every host's live snapshot for one round of the live feed: <paramref name="ReplyTo"/> gets
    /// one <see cref="LiveCollectionStarted"/> saying how many hosts were asked and one
    /// <see cref="HostLiveReport"/> from each of them, in no particular order.
    /// </summary>
    public sealed record CollectLiveSnapshots(long Round, IActorRef ReplyTo);

    /// <summary>HostsActor to each host actor: answer <see cref="CollectLiveSnapshots"/>.</summary>
    public sealed record ReportLiveSnapshot(long Round, IActorRef ReplyTo);
}

/// <summary>One host's live state, or null when the hub has not heard from it since start.</summary>
public sealed record HostLiveView(HostId HostId, LiveSnapshot? Snapshot);

/// <summary>
/// The busiest processes of a host's latest frame and that frame's ts; none (and no ts) when the
/// hub has not heard from it since start or its latest frame lists none. Live only: never stored.
/// </summary>
public sealed record HostProcessesView(HostId HostId, DateTimeOffset? Ts, ProcessSample[] Processes);

/// <summary>A host's frames not known to be committed, oldest first, one per ts (empty when it has none or no actor).</summary>
public sealed record HostUnflushedView(HostId HostId, UnflushedFrame[] Frames);

/// <summary>When the hub last received a frame from a host (by its own clock) and the host's newest system facts.</summary>
public readonly record struct HostPresence(DateTimeOffset ReceivedAt, SystemInfo? System, DateTimeOffset? SystemReceivedAt = null);

/// <summary>Presence of every host heard from since the hub started.</summary>
public sealed record HostPresenceView(IReadOnlyDictionary<HostId, HostPresence> Hosts);

/// <summary>How many hosts were asked for their snapshot in one collection round.</summary>
public sealed record LiveCollectionStarted(long Round, int Hosts);

/// <summary>One host's answer in a collection round; the snapshot is null when it has none yet.</summary>
public sealed record HostLiveReport(long Round, HostId HostId, LiveSnapshot? Snapshot);
