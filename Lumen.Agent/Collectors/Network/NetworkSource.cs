using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Network;

/// <summary>Fills <c>net_rx_bps</c> and <c>net_tx_bps</c>: bytes per second summed over physical interfaces.</summary>
public sealed class NetworkSource(string procRoot, string sysRoot) : SyncFrameSource
{
    private readonly PreviousReading<Counters> _previous = new();

    public override string Name => "network";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcNetDev.Read(procRoot) is not { } interfaces) return;
        var counted = PhysicalInterfaces.Select(interfaces.Select(i => i.Name), sysRoot);
        var current = new Counters(
            interfaces.Where(i => counted.Contains(i.Name)).ToDictionary(i => i.Name, i => i.RxBytes),
            interfaces.Where(i => counted.Contains(i.Name)).ToDictionary(i => i.Name, i => i.TxBytes));
        if (_previous.Replace(current, tick.MonotonicSeconds) is not ({ } previous, var elapsed)) return;

        var rx = CounterDelta.SumPerSecond(previous.Rx, current.Rx, elapsed, PlausibleRates.MaxPlausibleNetworkBps);
        var tx = CounterDelta.SumPerSecond(previous.Tx, current.Tx, elapsed, PlausibleRates.MaxPlausibleNetworkBps);
        frame[ScalarMetrics.NetRxBps] = Math.Round(rx, 1);
        frame[ScalarMetrics.NetTxBps] = Math.Round(tx, 1);
    }

    private sealed record Counters(IReadOnlyDictionary<string, ulong> Rx, IReadOnlyDictionary<string, ulong> Tx);
}
