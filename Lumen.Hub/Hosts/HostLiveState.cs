using Lumen.Protocol.Ingest;
using Lumen.Protocol.Live;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Hosts;

/// <summary>
/// What the hub knows of one host right now: the newest frame by the agent's clock, when the
/// hub last heard from it (by the hub's clock, which decides online/offline) and its CPU ring.
/// </summary>
public sealed class HostLiveState(HostId hostId, string name)
{
    private readonly CpuRing _cpu = new();

    public HostId HostId { get; } = hostId;
    public string Name { get; private set; } = name;
    public IngestFrame? Latest { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    public void Rename(string name) => Name = name;

    /// <summary>
    /// The processes of the latest frame: a frame without them (the policy turned them off, or
    /// the host's LUMEN_AGENT_PROCESSES) drops the last ones, so nothing outlives what the host sends.
    /// </summary>
    public HostProcessesView Processes() =>
        Latest is { Processes: { Length: > 0 } processes } latest ? new(HostId, latest.Ts, processes) : new(HostId, null, []);

    /// <summary>
    /// Takes a frame. Every frame proves the host alive; only one newer than the latest
    /// replaces it, since a draining buffer sends old frames among live ones.
    /// </summary>
    /// <returns>whether the frame became the latest.</returns>
    public bool Apply(IngestFrame frame, DateTimeOffset receivedAt)
    {
        if (receivedAt > ReceivedAt) ReceivedAt = receivedAt;
        if (Latest is not null && frame.Ts <= Latest.Ts) return false;

        Latest = frame;
        _cpu.Add(frame.Ts.ToUnixTimeSeconds(), frame[ScalarMetrics.CpuPct]);
        return true;
    }

    public LiveSnapshot? ToLiveSnapshot()
    {
        if (Latest is not { } f) return null;
        return new LiveSnapshot
        {
            HostId = HostId.Value, Host = Name, Ts = f.Ts, ReceivedAt = ReceivedAt,
            Scalars = f.Scalars, CpuSeries = _cpu.ToArray(), CpuPerCore = f.CpuPerCore ?? [],
            Containers = f.Containers ?? [], System = f.System, Gpus = f.Gpus ?? [],
            Disks = f.Disks ?? [], Nics = f.Nics ?? [], Filesystems = f.Filesystems ?? [],
        };
    }
}
