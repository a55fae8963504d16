using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.History;

/// <summary>
/// Snapshot rows for the history specs, written through the hub's own <see cref="SnapshotWriter"/>.
/// Every column of a row is a different multiple of one value, so a column read from the wrong
/// place shows up as a wrong number.
/// </summary>
public static class HistoryRows
{
    /// <summary>A fixed instant for store specs that pass their own "now"; never for a real hub (see <see cref="Frames.T0"/>).</summary>
    public static readonly DateTimeOffset T0 = Frames.T0;

    public static SnapshotRow RowAfterT0(HostId host, int seconds, double value) => Row(host, T0.AddSeconds(seconds), value);

    public static SnapshotRow Row(HostId host, DateTimeOffset ts, double value) => new(
        host, 0, ts.ToUnixTimeMilliseconds(), ts.ToUnixTimeMilliseconds(),
        ScalarMetrics.All.Select(metric => (metric.Index + 1) * value).ToArray(), null);

    /// <summary>A frame accepted and not flushed, <paramref name="seconds"/> after <see cref="T0"/>, with the columns of <see cref="Row"/>.</summary>
    public static UnflushedFrame UnflushedAfterT0(long seq, int seconds, double value) =>
        new(seq, T0.AddSeconds(seconds).ToUnixTimeMilliseconds(), ScalarMetrics.All.Select(metric => (metric.Index + 1) * value).ToArray());

    public static void Write(LumenDatabase database, params SnapshotRow[] rows)
    {
        using var writer = new SnapshotWriter(database);
        writer.Write(rows);
    }

    /// <summary>Sums every minute more than <see cref="MinuteRollupStore.DefaultLag"/> before <paramref name="now"/> (default: all of them near <see cref="T0"/>).</summary>
    public static RollupResult RollUp(LumenDatabase database, DateTimeOffset? now = null) =>
        new MinuteRollupStore(database).RollUp(now ?? T0.AddDays(1));

    /// <summary>Asserts that every column of <paramref name="point"/> is the average <paramref name="value"/> at <paramref name="secondsAfterT0"/>.</summary>
    public static void AssertPoint(MetricsPoint point, int secondsAfterT0, double value)
    {
        Assert.Equal(T0.AddSeconds(secondsAfterT0), point.Ts);
        var columns = ScalarMetrics.All.Select(metric => point[metric]).ToArray();
        // The hub rounds averages to 3 decimal places.
        for (var i = 0; i < columns.Length; i++)
            Assert.True(Math.Abs(Math.Round((i + 1) * value, 3) - columns[i]) < 1e-9, $"{ScalarMetrics.All[i].Name} at +{secondsAfterT0}s: expected {Math.Round((i + 1) * value, 3)}, got {columns[i]}");
    }

    /// <summary>Asserts that every column of <paramref name="point"/> ranges from <paramref name="lowest"/> to <paramref name="highest"/> over <paramref name="samples"/> samples.</summary>
    public static void AssertRange(MetricsPoint point, double lowest, double highest, long samples)
    {
        Assert.Equal(samples, point.Samples);
        foreach (var metric in ScalarMetrics.All)
            Assert.Equal(((metric.Index + 1) * lowest, (metric.Index + 1) * highest), (point.Min(metric), point.Max(metric)));
    }

    public static HistoryWindow Window(int fromSecond, int toSecond, int stepSeconds) => new(
        T0.AddSeconds(fromSecond).ToUnixTimeMilliseconds(), T0.AddSeconds(toSecond).ToUnixTimeMilliseconds(), stepSeconds * 1000L);
}
