using System.Collections.Concurrent;
using System.Diagnostics;

namespace Lumen.Faults.Specs.Fleet;

/// <summary>
/// One post as the simulated agent saw it: which frame, the hub's status (0: no answer —
/// refused, reset or timed out), when the answer came, the hub instance that gave a 204.
/// </summary>
public sealed record PostRecord(long Host, long TsMs, int Status, TimeSpan At, string? Instance, bool RetryAfter);

/// <summary>
/// What the simulated fleet did: every frame collected and every post with its answer. The
/// ground truth the database is checked against.
/// </summary>
public sealed class FleetLedger
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(long Host, long TsMs, TimeSpan At)> _collected = new();
    private readonly ConcurrentQueue<PostRecord> _posts = new();

    /// <summary>Time since the fleet was created, the clock every record uses.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Collected(long host, long tsMs) => _collected.Enqueue((host, tsMs, Now));

    public void Posted(PostRecord post) => _posts.Enqueue(post);

    public IReadOnlyList<(long Host, long TsMs)> CollectedBefore(TimeSpan cutoff) =>
        _collected.Where(c => c.At < cutoff).Select(c => (c.Host, c.TsMs)).ToList();

    public int CollectedCount => _collected.Count;

    public IReadOnlyList<PostRecord> Posts => _posts.ToList();

    /// <summary>The frames some hub instance answered 204, grouped by that instance.</summary>
    public ILookup<string, (long Host, long TsMs)> AcknowledgedByInstance() =>
        _posts.Where(p => p.Status == 204 && p.Instance is not null)
            .ToLookup(p => p.Instance!, p => (p.Host, p.TsMs));

    /// <summary>How many hosts have had a frame answered 204 so far.</summary>
    public int HostsHeard() => _posts.Where(p => p.Status == 204).Select(p => p.Host).Distinct().Count();

    public int CountStatus(int status) => _posts.Count(p => p.Status == status);

    public int CountStatus(int status, TimeSpan from, TimeSpan to) => _posts.Count(p => p.Status == status && p.At >= from && p.At < to);
}
