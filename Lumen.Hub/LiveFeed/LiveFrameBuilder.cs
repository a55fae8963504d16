using System.Text.Json;
using Lumen.Protocol.Json;
using Lumen.Protocol.Live;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// Turns one round's snapshots into frames: each host is serialised (source-generated) at most
/// once, and each distinct subscription's frame is assembled from those pieces at most once,
/// however many connections share it.
/// </summary>
public sealed class LiveFrameBuilder(IReadOnlyList<LiveSnapshot> snapshots)
{
    private readonly byte[]?[] _hostJson = new byte[snapshots.Count][];
    private readonly Dictionary<LiveSubscription, LiveFrame> _frames = [];

    /// <summary>Frames assembled so far: one per distinct subscription asked for.</summary>
    public int FramesBuilt => _frames.Count;

    public LiveFrame FrameFor(LiveSubscription subscription)
    {
        if (_frames.TryGetValue(subscription, out var frame)) return frame;

        var pieces = new List<byte[]>(subscription.IsAll ? snapshots.Count : subscription.Hosts.Count);
        var length = 2; // [ ]
        for (var i = 0; i < snapshots.Count; i++)
        {
            if (!subscription.Matches(snapshots[i])) continue;
            var json = _hostJson[i] ??= JsonSerializer.SerializeToUtf8Bytes(snapshots[i], LumenJson.LiveSnapshot);
            length += json.Length + (pieces.Count > 0 ? 1 : 0);
            pieces.Add(json);
        }

        frame = new LiveFrame(Join(pieces, length));
        _frames[subscription] = frame;
        return frame;
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
