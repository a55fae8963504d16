using System.Collections.Concurrent;

namespace Lumen.Hub.Hosts;

/// <summary>
/// The <see cref="SequenceWatermark"/> of every host, shared by the ingest requests (which
/// issue numbers and must answer with the watermark at once) and the batcher (which resolves
/// them after each commit). A lock per host, never contended for long: asking a host actor
/// instead would add two thread hops to every ingest.
/// </summary>
public sealed class DurabilityLedger
{
    private readonly ConcurrentDictionary<HostId, SequenceWatermark> _hosts = new();

    /// <summary>Changes on every start; sequence numbers are only comparable within one instance.</summary>
    public string InstanceId { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    public long Issue(HostId host)
    {
        var watermark = _hosts.GetOrAdd(host, static _ => new SequenceWatermark());
        lock (watermark) return watermark.Issue();
    }

    public long DurableFor(HostId host)
    {
        if (!_hosts.TryGetValue(host, out var watermark)) return 0;
        lock (watermark) return watermark.Durable;
    }

    /// <summary>Whether the host's frame numbered <paramref name="seq"/> is committed or was refused; false for a host with no numbers.</summary>
    public bool IsResolved(HostId host, long seq)
    {
        if (!_hosts.TryGetValue(host, out var watermark)) return false;
        lock (watermark) return watermark.IsResolved(seq);
    }

    public void Resolve(HostId host, long seq)
    {
        if (!_hosts.TryGetValue(host, out var watermark)) return;
        lock (watermark) watermark.Resolve(seq);
    }

    public void Forget(HostId host) => _hosts.TryRemove(host, out _);
}
