using Akka.Actor;
using Lumen.Agent.Sending;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Faults.Specs.Fleet;

/// <summary>
/// Stands in for a simulated agent's collector: every interval (from its own offset, so a
/// fleet's ticks spread over the interval as real agents' do) it makes a plausible frame,
/// notes it in the ledger as collected, and hands it to the agent's real sender.
/// </summary>
public sealed class SimCollectorActor : ReceiveActor, IWithTimers
{
    private readonly FleetLedger _ledger;
    private readonly long _hostId;
    private readonly string _hostName;
    private readonly IActorRef _sender;
    private readonly Random _random;
    private long _lastTsMs;

    public ITimerScheduler Timers { get; set; } = null!;

    public SimCollectorActor(FleetLedger ledger, long hostId, string hostName, IActorRef sender, TimeSpan interval, TimeSpan offset)
    {
        (_ledger, _hostId, _hostName, _sender) = (ledger, hostId, hostName, sender);
        _random = new Random((int)hostId);
        Receive<Tick>(_ => Collect());
        Timers.StartPeriodicTimer(Tick.Key, Tick.Instance, offset, interval);
    }

    private void Collect()
    {
        var tsMs = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), _lastTsMs + 1);
        _lastTsMs = tsMs;
        _ledger.Collected(_hostId, tsMs);
        _sender.Tell(new SenderCommands.Send(Frame(DateTimeOffset.FromUnixTimeMilliseconds(tsMs))));
    }

    private IngestFrame Frame(DateTimeOffset ts) => new()
    {
        Host = _hostName,
        Ts = ts,
        [ScalarMetrics.CpuPct] = Math.Round(_random.NextDouble() * 100, 2),
        CpuPerCore = [Math.Round(_random.NextDouble() * 100, 2), Math.Round(_random.NextDouble() * 100, 2)],
        [ScalarMetrics.RamPct] = Math.Round(20 + _random.NextDouble() * 60, 2),
        [ScalarMetrics.SwapPct] = 0,
        [ScalarMetrics.DiskPct] = 42.5,
        [ScalarMetrics.Load1] = 0.5,
        [ScalarMetrics.Load5] = 0.4,
        [ScalarMetrics.Load15] = 0.3,
        [ScalarMetrics.NetRxBps] = _random.Next(0, 1_000_000),
        [ScalarMetrics.NetTxBps] = _random.Next(0, 1_000_000),
        [ScalarMetrics.DiskRBps] = _random.Next(0, 1_000_000),
        [ScalarMetrics.DiskWBps] = _random.Next(0, 1_000_000),
        [ScalarMetrics.TempC] = 45,
        System = new SystemInfo
        {
            Os = "Debian GNU/Linux 13", Hostname = _hostName, PrimaryIp = "192.0.2.10", Kernel = "6.12.0",
            Arch = "x86_64", CpuModel = "Simulated CPU", UptimeSeconds = 1000, AgentVersion = "faults-sim", VirtType = "",
        },
    };

    private sealed record Tick
    {
        public const string Key = "sim-collect";
        public static readonly Tick Instance = new();
    }

    public static Props Props(FleetLedger ledger, long hostId, string hostName, IActorRef sender, TimeSpan interval, TimeSpan offset) =>
        Akka.Actor.Props.Create(() => new SimCollectorActor(ledger, hostId, hostName, sender, interval, offset));
}
