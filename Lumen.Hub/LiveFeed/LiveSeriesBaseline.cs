using Lumen.Protocol.Live;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// What every connection that took the previous round's frame holds of each host: the newest
/// point of its CPU series, and the name it had (a subscription by name may not have matched
/// it then). An update of a host is built against this; a host the previous round did not carry
/// (new, or its actor too slow to answer) has no baseline and goes out in full.
/// </summary>
public sealed class LiveSeriesBaseline
{
    /// <summary>Before the first round: nobody holds anything.</summary>
    public static readonly LiveSeriesBaseline None = new([]);

    private readonly Dictionary<long, (long NewestTs, string Host)> _hosts;

    private LiveSeriesBaseline(Dictionary<long, (long, string)> hosts) => _hosts = hosts;

    /// <summary>The baseline a round's frames leave behind for the next round.</summary>
    public static LiveSeriesBaseline Of(IReadOnlyList<LiveSnapshot> snapshots)
    {
        var hosts = new Dictionary<long, (long, string)>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            // A snapshot always has a point (the frame that made it also fed the ring); one
            // without is left out, so that host goes out in full next time.
            if (snapshot.CpuSeries is [.., var newest]) hosts[snapshot.HostId] = (newest.Ts, snapshot.Host);
        }
        return new LiveSeriesBaseline(hosts);
    }

    public int Count => _hosts.Count;

    /// <returns>false when the previous round did not carry the host.</returns>
    public bool TryGet(long hostId, out long newestTs, out string host)
    {
        var found = _hosts.TryGetValue(hostId, out var held);
        (newestTs, host) = held;
        host ??= "";
        return found;
    }
}
