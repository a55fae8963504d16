using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Lumen.Hub.Alerts;
using Lumen.Hub.Alerts.Engine;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Ingest;

namespace Lumen.Bench.Alerts;

/// <summary>One set of rules on the host actors' path: the whole process's CPU and allocations per frame.</summary>
public sealed record HostPathResult(string Name, int Rules, long Frames, double CpuNsPerFrame, double BytesPerFrame, long Recorded);

/// <summary>
/// The part of an ingest the alert engine joins, in process and without HTTP or SQLite: the
/// hub's own <see cref="HostsActor"/> and <see cref="HostActor"/>s with the engine's
/// <see cref="AlertWatch"/>, sent <see cref="HostCommands.RecordSnapshot"/>s as the ingest
/// endpoint sends them, 1,000 hosts in turn. Measured by the process's CPU time, so the
/// dispatcher threads and Akka's scheduler thread (which keeps each host's offline timer)
/// count, and by the bytes every thread allocated. What <see cref="AlertEvalBench"/> cannot
/// see (the timer the host actor moves after a frame, the actor's own cache misses) shows here.
/// </summary>
public static class HostPathBench
{
    public const int Hosts = 1000;
    /// <summary>Rounds of every host sent before waiting for the actors to catch up: about a second of the hub's load.</summary>
    private const int RoundsPerBatch = 20;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(3);
    private const int Repetitions = 5;
    private const int BatchesPerRepetition = 15;

    public static IReadOnlyList<(string Name, IReadOnlyList<AlertRule> Rules)> Cases(BenchRules rules)
    {
        var all = rules.Checked(BenchRules.Count);
        var offline = all.First(rule => rule.Metric.Kind == AlertKind.Offline);
        return
        [
            ("no rules", []),
            ("1 offline rule (a new hub's \"Host offline\" is one)", [offline]),
            ("100 rules (the ingest benchmark's set)", all),
            ("the same less its 2 offline rules", [.. all.Where(rule => rule.Metric.Kind != AlertKind.Offline)]),
        ];
    }

    public static async Task<HostPathResult> RunAsync(string name, IReadOnlyList<AlertRule> rules, IReadOnlyList<IngestFrame> frames)
    {
        var config = ConfigurationFactory.ParseString(HostMailbox.Hocon + "\nakka { loglevel = WARNING, stdout-loglevel = WARNING }");
        var system = ActorSystem.Create("host-path-bench", config);
        try
        {
            var journal = system.ActorOf(Props.Create(() => new RecordCounter()), "journal");
            HostWatchFactory watch = (host, hostName) => new AlertWatch(host, hostName, DateTimeOffset.UtcNow, journal);
            var hosts = system.ActorOf(HostsActor.Props(watch), "hosts");
            var ids = Enumerable.Range(0, Hosts).Select(i => new HostId(i + 1)).ToArray();
            var names = ids.ToDictionary(id => id, id => $"bench-{id.Value - 1:D5}");
            hosts.Tell(new TellEveryHost(Policy(rules, names), names));

            var ts = DateTimeOffset.UtcNow;
            void Batch()
            {
                for (var round = 0; round < RoundsPerBatch; round++)
                {
                    ts += TimeSpan.FromSeconds(5);
                    for (var i = 0; i < Hosts; i++)
                        hosts.Tell(new HostCommands.RecordSnapshot(ids[i], names[ids[i]], frames[i] with { Ts = ts }, DateTimeOffset.UtcNow));
                }
            }

            var warmup = Stopwatch.StartNew();
            while (warmup.Elapsed < WarmupTime)
            {
                Batch();
                await CaughtUpAsync(system, hosts);
            }

            var cpu = new List<double>();
            long bytes = 0, frameCount = 0;
            var process = Process.GetCurrentProcess();
            for (var r = 0; r < Repetitions; r++)
            {
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                for (var b = 0; b < BatchesPerRepetition; b++)
                {
                    Batch();
                    await CaughtUpAsync(system, hosts);
                }
                process.Refresh();
                var framesNow = (long)BatchesPerRepetition * RoundsPerBatch * Hosts;
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalNanoseconds / framesNow);
                bytes += GC.GetTotalAllocatedBytes(precise: true) - allocated;
                frameCount += framesNow;
            }
            var recorded = await journal.Ask<long>(RecordCounter.HowMany.Instance, TimeSpan.FromSeconds(10));
            return new HostPathResult(name, rules.Count, frameCount, cpu.Order().ElementAt(cpu.Count / 2), (double)bytes / frameCount, recorded);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Every host actor has handled what it was sent: each answers a live-snapshot round after its frames.</summary>
    private static async Task CaughtUpAsync(ActorSystem system, IActorRef hosts)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var barrier = system.ActorOf(Props.Create(() => new Barrier(done)));
        hosts.Tell(new HostQueries.CollectLiveSnapshots(0, barrier));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        system.Stop(barrier);
    }

    /// <summary>As a hub just started on an empty database: every host known, no disk history.</summary>
    private static AlertPolicy Policy(IReadOnlyList<AlertRule> rules, IReadOnlyDictionary<HostId, string> names)
    {
        var noTags = new Dictionary<string, string>();
        var facts = names.ToDictionary(pair => pair.Key.Value, pair => new AlertHostFacts(pair.Value, noTags, null, null, null, []));
        return new AlertPolicy(1, rules, AlertPolicy.NoMaintenance, facts, null);
    }

    /// <summary>Completes once the hosts actor has said how many hosts answer and all of them have.</summary>
    private sealed class Barrier : ReceiveActor
    {
        private int _expected = -1;
        private int _answered;

        public Barrier(TaskCompletionSource done)
        {
            Receive<LiveCollectionStarted>(started =>
            {
                _expected = started.Hosts;
                if (_answered == _expected) done.TrySetResult();
            });
            Receive<HostLiveReport>(_ =>
            {
                if (++_answered == _expected) done.TrySetResult();
            });
        }
    }

    /// <summary>Stands in for the alert journal: counts what the watches report (the bench's rules never fire).</summary>
    private sealed class RecordCounter : ReceiveActor
    {
        private long _transitions;

        public RecordCounter()
        {
            Receive<Lumen.Hub.Alerts.Journal.AlertJournalMessages.Record>(record => _transitions += record.Transitions.Count);
            Receive<HowMany>(_ => Sender.Tell(_transitions));
        }

        public sealed class HowMany
        {
            public static readonly HowMany Instance = new();
        }
    }
}
