namespace Lumen.Hub.Hosts;

/// <summary>A host's primary key in the hosts table; the identity every per-host message carries.</summary>
public readonly record struct HostId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A message addressed to one host. HostsActor routes on it, so it can later be replaced by a
/// Cluster.Sharding region without touching HostActor.
/// </summary>
public interface IWithHostId
{
    HostId HostId { get; }
}
