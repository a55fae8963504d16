using System.Diagnostics;

namespace Lumen.Faults.Specs.Support;

/// <summary>Bounded waits for frames to reach the hub's database, timed: the recovery figures.</summary>
public static class Delivery
{
    /// <summary>
    /// Polls the database until every one of <paramref name="frames"/> is stored, or
    /// <paramref name="timeout"/> passes.
    /// </summary>
    /// <returns>how long it took, and the frames still missing at the end (empty on success).</returns>
    public static async Task<(TimeSpan Elapsed, IReadOnlyList<(long Host, long TsMs)> Missing)> WaitStoredAsync(
        FaultRig rig, IReadOnlyCollection<(long Host, long TsMs)> frames, TimeSpan timeout, TimeSpan? pollEvery = null)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(long, long)> missing = frames.ToList();
        while (true)
        {
            missing = rig.Rows().Missing(missing);
            if (missing.Count == 0 || clock.Elapsed > timeout) return (clock.Elapsed, missing);
            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(250));
        }
    }

    public static string Describe(IReadOnlyList<(long Host, long TsMs)> missing) =>
        missing.Count == 0 ? "none" : $"{missing.Count}, e.g. " + string.Join(", ", missing.Take(5).Select(m =>
            $"host {m.Host} at {DateTimeOffset.FromUnixTimeMilliseconds(m.TsMs):HH:mm:ss.fff}"));
}
