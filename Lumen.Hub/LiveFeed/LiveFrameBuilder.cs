using System.Text.Json;
using Lumen.Protocol.Json;
using Lumen.Protocol.Live;

namespace Lumen.Hub.LiveFeed;

/// <summary>The two forms of a connection's frame in one round.</summary>
public enum LiveFrameForm
{
    /// <summary>Every host with its whole CPU series: a connection's first frame, and its next after a change or a loss.</summary>
    Full,

    /// <summary>
    /// Every host with only the CPU points gained since the previous round, for connections that
    /// took that round's frame; a host the previous round did not carry to them still goes out full.
    /// </summary>
    Delta,
}

/// <summary>
/// Turns one round's snapshots into frames: each host is serialised (source-generated) at most
/// once per form, and each distinct subscription's frame of each form is assembled from those
/// pieces at most once, however many connections share it.
/// </summary>
public sealed class LiveFrameBuilder(IReadOnlyList<LiveSnapshot> snapshots, LiveSeriesBaseline baseline)
{
    /// <summary>Stands for "no delta of this host is right this round" in <see cref="_deltaJson"/>.</summary>
    private static readonly byte[] NoDelta = [];

    private readonly byte[]?[] _fullJson = new byte[snapshots.Count][];
    private readonly byte[]?[] _deltaJson = new byte[snapshots.Count][];
    private readonly Dictionary<(LiveSubscription, LiveFrameForm), LiveFrame> _frames = [];

    /// <summary>Frames of a first round: no connection holds anything yet.</summary>
    public LiveFrameBuilder(IReadOnlyList<LiveSnapshot> snapshots) : this(snapshots, LiveSeriesBaseline.None)
    {
    }

    /// <summary>Frames assembled so far: one per distinct subscription and form asked for.</summary>
    public int FramesBuilt => _frames.Count;

    public LiveFrame FrameFor(LiveSubscription subscription, LiveFrameForm form)
    {
        if (_frames.TryGetValue((subscription, form), out var frame)) return frame;

        var pieces = new List<byte[]>(subscription.IsAll ? snapshots.Count : subscription.Hosts.Count);
        var length = 2; // [ ]
        for (var i = 0; i < snapshots.Count; i++)
        {
            if (!subscription.Matches(snapshots[i])) continue;
            var json = form == LiveFrameForm.Delta && DeltaJson(i, subscription) is { } delta ? delta : FullJson(i);
            length += json.Length + (pieces.Count > 0 ? 1 : 0);
            pieces.Add(json);
        }

        frame = new LiveFrame(Join(pieces, length));
        _frames[(subscription, form)] = frame;
        return frame;
    }

    /// <summary>
    /// The host as a delta of what the previous round gave connections of this subscription, or
    /// null when they were given nothing of it (a new host, one whose actor missed the round, one
    /// renamed into the subscription) or its series went back (its actor started over).
    /// </summary>
    public static LiveSnapshot? Delta(LiveSnapshot snapshot, long afterTs)
    {
        if (snapshot.CpuSeries is not [.., var newest] series || newest.Ts < afterTs) return null;
        var from = series.Length;
        while (from > 0 && series[from - 1].Ts > afterTs) from--;
        return snapshot with { CpuSeries = null, CpuAppend = series[from..], CpuAfterTs = afterTs };
    }

    private byte[] FullJson(int i) =>
        _fullJson[i] ??= JsonSerializer.SerializeToUtf8Bytes(snapshots[i], LumenJson.LiveSnapshot);

    private byte[]? DeltaJson(int i, LiveSubscription subscription)
    {
        var snapshot = snapshots[i];
        if (!baseline.TryGet(snapshot.HostId, out var afterTs, out var heldAs) || !subscription.Matches(snapshot.HostId, heldAs))
            return null;
        var json = _deltaJson[i] ??= Delta(snapshot, afterTs) is { } delta
            ? JsonSerializer.SerializeToUtf8Bytes(delta, LumenJson.LiveSnapshot)
            : NoDelta;
        return json.Length == 0 ? null : json;
    }

    /// <summary>The pieces as one JSON array, byte for byte what serialising the array would give.</summary>
    private static byte[] Join(List<byte[]> pieces, int length)
    {
        var array = new byte[length];
        var at = 0;
        array[at++] = (byte)'[';
        for (var i = 0; i < pieces.Count; i++)
        {
            if (i > 0) array[at++] = (byte)',';
            pieces[i].CopyTo(array, at);
            at += pieces[i].Length;
        }
        array[at] = (byte)']';
        return array;
    }
}
