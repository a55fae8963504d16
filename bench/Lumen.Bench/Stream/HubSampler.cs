using System.Globalization;
using Lumen.Bench.Processes;

namespace Lumen.Bench.Stream;

/// <summary>One reading of the hub from outside: resident memory and its established TCP connections.</summary>
public readonly record struct HubSample(TimeSpan At, long RssKiB, int Connections);

/// <summary>
/// Reads the hub's RSS and its established connections (from /proc/net/tcp, by the hub's
/// port) at a fixed period while a phase runs, so growth and dropped sockets show over time.
/// </summary>
public sealed class HubSampler(ServerProcess hub, TimeSpan every)
{
    private readonly List<HubSample> _samples = [];

    public IReadOnlyList<HubSample> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        var started = DateTime.UtcNow;
        try
        {
            while (true)
            {
                _samples.Add(new HubSample(DateTime.UtcNow - started, hub.Sample().RssKiB, EstablishedConnections(hub.BaseUri.Port)));
                await Task.Delay(every, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Server-side sockets in state ESTABLISHED (01) whose local port is the hub's.</summary>
    public static int EstablishedConnections(int port)
    {
        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && fields[3] == "01" && fields[1].EndsWith(":" + portHex, StringComparison.Ordinal)) count++;
            }
        }
        return count;
    }
}
