using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Storage;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Bench.Alerts;

/// <summary>
/// The alert benchmark's rules: enabled, watching every host, and never firing under the
/// bench's frames, so every frame pays the full judgement and nothing else (no event, no
/// journal write). That is the worst fair case for the per-frame cost. Every prefix of the
/// list has the same mix: an <c>offline</c>, a <c>container_down</c> and a
/// <c>disk_full_hours</c> rule among the first ten, the rest scalars spread over every metric
/// of the catalogue. <c>host_rebooted</c> is left out: the bench's frames repeat one uptime
/// while the hub's clock moves on, which reads as a reboot every minute.
/// </summary>
public sealed class BenchRules
{
    public const int Count = 100;

    /// <summary>Far beyond a run: an <c>offline</c> rule on a host that never reports fires after this.</summary>
    private const long OfflineForSeconds = 3600;

    /// <summary>Above every value of a metric that has no upper bound, for its thresholds (and the canary goes beyond).</summary>
    private const double UnboundedHeadroom = 1000;

    private readonly IReadOnlyDictionary<ScalarMetric, double> _ceilings;

    private BenchRules(IReadOnlyList<AlertRuleBody> bodies, IReadOnlyDictionary<ScalarMetric, double> ceilings) =>
        (Bodies, _ceilings) = (bodies, ceilings);

    /// <summary>In the order they are created (ids 1 to <see cref="Count"/> on a fresh table).</summary>
    public IReadOnlyList<AlertRuleBody> Bodies { get; }

    /// <summary>
    /// The rules for these frames: each scalar rule's threshold lies between the highest value
    /// any frame carries and the metric's upper bound, so no bench frame breaches it and the
    /// <see cref="Canary"/> breaches every one.
    /// </summary>
    public static BenchRules For(IReadOnlyList<IngestFrame> frames)
    {
        var scalarCount = Enumerable.Range(0, Count).Count(i => NonScalar(i) is null);
        var highest = ScalarMetrics.All.ToDictionary(m => m, m => frames.Max(f => f[m]));
        var ceilings = ScalarMetrics.All.ToDictionary(m => m, m => Ceiling(m, highest[m]));
        var bodies = new List<AlertRuleBody>(Count);
        var scalars = 0;
        foreach (var i in Enumerable.Range(0, Count))
        {
            if (NonScalar(i) is { } other)
            {
                bodies.Add(other);
                continue;
            }
            // Round-robin over the catalogue: the k-th rule of a metric of n sits k/(n+1) of the way up.
            var metric = ScalarMetrics.All[scalars % ScalarMetrics.Count];
            var k = scalars / ScalarMetrics.Count + 1;
            var n = (scalarCount - metric.Index + ScalarMetrics.Count - 1) / ScalarMetrics.Count;
            scalars++;
            var threshold = highest[metric] + (ceilings[metric] - highest[metric]) * k / (n + 1);
            bodies.Add(new AlertRuleBody
            {
                Name = $"bench {metric.Name} #{k}", Metric = metric.Name, Comparator = "gt", Threshold = Math.Round(threshold, 3),
                // No for_seconds: the canary must fire every one at once (a countdown costs a frame nothing more).
                CooldownSeconds = i % 2 * 300, Severity = i % 4 == 0 ? "critical" : "warning",
                // Every host either way: matching a host costs only when a policy arrives, never per frame.
                Host = i % 5 == 0 ? "bench-*" : null,
            });
        }
        return new BenchRules(bodies, ceilings);
    }

    /// <summary>How many of the first <paramref name="count"/> rules the canary frame breaches: every scalar one with room below its metric's bound.</summary>
    public int CanaryBreaches(int count) => Bodies.Take(count).Count(body =>
        AlertMetric.Find(body.Metric)!.Scalar is { } metric && body.Threshold < CanaryValue(metric));

    /// <summary>A copy of <paramref name="like"/> with every scalar at its bound (or far above the thresholds): posted after a measurement, it shows the host judges the rules.</summary>
    public IngestFrame Canary(IngestFrame like, DateTimeOffset ts)
    {
        // A new frame rather than `with`, which would share (and here overwrite) the scalar values.
        var canary = new IngestFrame
        {
            Host = like.Host, Ts = ts, CpuPerCore = like.CpuPerCore, Containers = like.Containers, System = like.System, Gpus = like.Gpus,
        };
        foreach (var metric in ScalarMetrics.All) canary[metric] = CanaryValue(metric);
        return canary;
    }

    private double CanaryValue(ScalarMetric metric) => double.IsFinite(metric.Max) ? metric.Max : _ceilings[metric] + UnboundedHeadroom;

    /// <summary>Deletes every rule of the database (the seeded "Host offline" among them) and creates the first <paramref name="count"/> of these.</summary>
    public void WriteTo(LumenDatabase database, int count)
    {
        var store = new AlertRuleStore(database, TimeProvider.System);
        foreach (var rule in store.List()) store.Delete(rule.Id);
        foreach (var rule in Checked(count)) store.Create(rule);
    }

    /// <summary>The first <paramref name="count"/> rules as the hub reads them, ids from 1, checked as the API checks a body.</summary>
    public IReadOnlyList<AlertRule> Checked(int count)
    {
        var now = DateTimeOffset.UtcNow;
        return Bodies.Take(count).Select((body, i) =>
        {
            var (rule, error) = AlertRuleCheck.Check(body, i + 1, now, now, [], _ => new HashSet<long>());
            return rule ?? throw new InvalidOperationException($"bench rule '{body.Name}' is refused: {error}");
        }).ToList();
    }

    private static AlertRuleBody? NonScalar(int index) => index switch
    {
        0 => new() { Name = "bench offline", Metric = "offline", ForSeconds = OfflineForSeconds, Severity = "critical" },
        1 => new() { Name = "bench any container down", Metric = "container_down", ForSeconds = 60 },
        2 => new() { Name = "bench disk full within a day", Metric = "disk_full_hours", Threshold = 24 },
        10 => new() { Name = "bench offline long", Metric = "offline", ForSeconds = 2 * OfflineForSeconds },
        11 => new() { Name = "bench postgres down", Metric = "container_down", Container = "postgres*" },
        12 => new() { Name = "bench disk full within 3 days", Metric = "disk_full_hours", Threshold = 72, Severity = "info" },
        _ => null,
    };

    /// <summary>The highest threshold the metric allows, or for one without a bound, well above what the frames carry.</summary>
    private static double Ceiling(ScalarMetric metric, double seen) =>
        double.IsFinite(metric.Max) ? metric.Max : Math.Max(seen * 10, UnboundedHeadroom);
}
