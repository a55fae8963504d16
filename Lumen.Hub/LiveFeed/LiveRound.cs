using Lumen.Protocol.Live;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// One collection of every host's snapshot for a stream frame. The count of hosts asked and
/// their answers arrive from different actors, so in any order; the round is complete when
/// as many answers as hosts asked have arrived.
/// </summary>
public sealed class LiveRound(long number)
{
    private readonly List<LiveSnapshot> _snapshots = [];
    private int? _expected;
    private int _answers;

    public long Number { get; } = number;

    public bool IsComplete => _expected is { } expected && _answers >= expected;

    /// <summary>Hosts that were asked and have not answered yet (unknown until the count arrives).</summary>
    public int? Missing => _expected - _answers;

    public void Expect(int hosts) => _expected = hosts;

    /// <summary>One host's answer; a host that has no snapshot yet answers null and shows nothing.</summary>
    public void Add(LiveSnapshot? snapshot)
    {
        _answers++;
        if (snapshot is not null) _snapshots.Add(snapshot);
    }

    /// <summary>The snapshots in the order a dashboard lists them: by host name, then id.</summary>
    public IReadOnlyList<LiveSnapshot> Snapshots()
    {
        _snapshots.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Host, b.Host);
            return byName != 0 ? byName : a.HostId.CompareTo(b.HostId);
        });
        return _snapshots;
    }
}
