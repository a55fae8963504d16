using System.Globalization;
using Lumen.Protocol.Live;
using Lumen.Hub.Hosts;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// Which hosts one stream connection wants: all of them, or those named (by host name or by
/// host id). Two connections asking for the same hosts have equal subscriptions, whatever
/// the order or repetition of their list, so the feed builds their frame once.
/// </summary>
public sealed class LiveSubscription : IEquatable<LiveSubscription>
{
    /// <summary>Every host, as a connection gets before it says otherwise.</summary>
    public static readonly LiveSubscription All = new([]);

    /// <summary>Sorted and distinct; empty means all hosts.</summary>
    private readonly string[] _hosts;
    private readonly HashSet<string> _lookup;

    private LiveSubscription(string[] hosts)
    {
        _hosts = hosts;
        _lookup = new HashSet<string>(hosts, StringComparer.Ordinal);
    }

    /// <summary>
    /// The subscription for a list of host names or ids; "*" anywhere in it, or no list at
    /// all, means every host.
    /// </summary>
    public static LiveSubscription For(IEnumerable<string>? hosts)
    {
        if (hosts is null) return All;
        var distinct = hosts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return distinct.Length == 0 || distinct.Contains("*") ? All : new LiveSubscription(distinct);
    }

    public bool IsAll => _hosts.Length == 0;

    public IReadOnlyList<string> Hosts => _hosts;

    public bool Matches(LiveSnapshot snapshot) => Matches(snapshot.HostId, snapshot.Host);

    public bool Matches(long hostId, string host) =>
        IsAll || _lookup.Contains(host) || _lookup.Contains(hostId.ToString(CultureInfo.InvariantCulture));

    public bool Equals(LiveSubscription? other) =>
        other is not null && _hosts.AsSpan().SequenceEqual(other._hosts);

    public override bool Equals(object? obj) => Equals(obj as LiveSubscription);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var host in _hosts) hash.Add(host, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => IsAll ? "*" : string.Join(",", _hosts);
}
