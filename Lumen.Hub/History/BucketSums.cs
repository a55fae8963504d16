using Lumen.Hub.Hosts;
using Lumen.Protocol.Metrics;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.History;

/// <summary>
/// One bucket of a history answer as sums: how many samples, and per metric their sum, lowest
/// and highest value. SQLite's part of a bucket and the unflushed frames that fall in it are
/// added here, and the bucket is divided once (<see cref="ToPoint"/>), so its average, lowest,
/// highest and samples are those of every frame in it, stored or not.
/// </summary>
public sealed class BucketSums
{
    /// <summary>Decimal places of an average: finer than any field's resolution, and a 2,000-point answer ~25 % smaller than with 15 digits.</summary>
    public const int Decimals = 3;

    private readonly double[] _sums = new double[ScalarMetrics.Count];
    private readonly double[] _minimums = new double[ScalarMetrics.Count];
    private readonly double[] _maximums = new double[ScalarMetrics.Count];

    public long StartMs { get; private set; }
    public long Samples { get; private set; }

    /// <summary>Takes a row of the history query: bucket, samples, then sum, lowest and highest of each metric.</summary>
    public void Load(SqliteDataReader reader)
    {
        (StartMs, Samples) = (reader.GetInt64(0), reader.GetInt64(1));
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] = reader.GetDouble(2 + 3 * i);
            _minimums[i] = reader.GetDouble(3 + 3 * i);
            _maximums[i] = reader.GetDouble(4 + 3 * i);
        }
    }

    /// <summary>An empty bucket starting at <paramref name="startMs"/>.</summary>
    public void Start(long startMs)
    {
        (StartMs, Samples) = (startMs, 0);
        Array.Clear(_sums);
    }

    /// <summary>Adds one frame's values.</summary>
    public void Add(UnflushedFrame frame)
    {
        var values = frame.Values.Span;
        if (Samples == 0)
        {
            values.CopyTo(_minimums);
            values.CopyTo(_maximums);
        }
        Samples++;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] += values[i];
            _minimums[i] = Math.Min(_minimums[i], values[i]);
            _maximums[i] = Math.Max(_maximums[i], values[i]);
        }
    }

    /// <summary>Adds another part of the same bucket.</summary>
    public void Add(BucketSums other)
    {
        if (other.Samples == 0) return;
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] += other._sums[i];
            _minimums[i] = Samples == 0 ? other._minimums[i] : Math.Min(_minimums[i], other._minimums[i]);
            _maximums[i] = Samples == 0 ? other._maximums[i] : Math.Max(_maximums[i], other._maximums[i]);
        }
        Samples += other.Samples;
    }

    public MetricsPoint ToPoint()
    {
        var point = new MetricsPoint { Ts = DateTimeOffset.FromUnixTimeMilliseconds(StartMs), Samples = Samples };
        var (averages, ranges) = (((IScalarValues)point).ScalarStorage, (IScalarRanges)point);
        for (var i = 0; i < averages.Length; i++)
            averages[i] = Math.Round(_sums[i] / Samples, Decimals, MidpointRounding.AwayFromZero);
        _minimums.CopyTo(ranges.Minimums, 0);
        _maximums.CopyTo(ranges.Maximums, 0);
        return point;
    }

    /// <summary>
    /// The buckets of <paramref name="stepMs"/> that <paramref name="frames"/> (oldest first)
    /// fall in, oldest first: a frame goes to the bucket its ts is in, as its stored row would
    /// (every tier's slot, a minute or a bucket, lies whole within one step).
    /// </summary>
    public static List<BucketSums> Of(IReadOnlyList<UnflushedFrame> frames, long stepMs)
    {
        var buckets = new List<BucketSums>();
        foreach (var frame in frames)
        {
            var startMs = frame.TsUnixMs - frame.TsUnixMs % stepMs;
            if (buckets.Count == 0 || buckets[^1].StartMs != startMs)
            {
                buckets.Add(new BucketSums());
                buckets[^1].Start(startMs);
            }
            buckets[^1].Add(frame);
        }
        return buckets;
    }
}
