using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Collectors.Network;

/// <summary>
/// Fills <c>net_rx_bps</c> and <c>net_tx_bps</c>, bytes per second summed over physical
/// interfaces, and <c>nics</c>, the same per interface (sent only to a hub that lists it).
/// </summary>
public sealed class NetworkSource(string procRoot, string sysRoot) : SyncFrameSource
{
    private readonly PreviousReading<List<KeyValuePair<string, CounterPair>>> _previous = new();

    public override string Name => "network";

    protected override void Collect(IngestFrame frame, TickContext tick)
    {
        if (ProcNetDev.Read(procRoot) is not { } interfaces) return;
        var counted = PhysicalInterfaces.Select(interfaces.Select(i => i.Name), sysRoot);
        var current = new List<KeyValuePair<string, CounterPair>>(counted.Count);
        foreach (var i in interfaces)
            if (counted.Contains(i.Name)) current.Add(new(i.Name, new CounterPair(i.RxBytes, i.TxBytes)));
        if (_previous.Replace(current, tick.MonotonicSeconds) is not ({ } previous, var elapsed)) return;

        var rates = DeviceRates.Between(previous, current, elapsed, PlausibleRates.MaxPlausibleNetworkBps);
        var nics = new NicSample[Math.Min(rates.Count, IngestLimits.MaxNics)];
        double rx = 0, tx = 0;
        for (var i = 0; i < rates.Count; i++)
        {
            var (name, rxBps, txBps) = rates[i];
            (rx, tx) = (rx + rxBps, tx + txBps);
            if (i < nics.Length)
                nics[i] = new NicSample { Name = TextCap.Cap(name, IngestLimits.MaxDeviceNameLength), RxBps = Math.Round(rxBps, 1), TxBps = Math.Round(txBps, 1) };
        }
        frame[ScalarMetrics.NetRxBps] = Math.Round(rx, 1);
        frame[ScalarMetrics.NetTxBps] = Math.Round(tx, 1);
        frame.Nics = nics;
    }
}
