using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lumen.Specs.Support;

/// <summary>
/// The collection times of one host's rows in the hub's <c>snapshots</c> table, oldest first,
/// and what "no tick missing" means for them: every gap about one interval, no time twice, and
/// as many rows as the span holds intervals.
/// </summary>
public sealed class StoredTicks
{
    /// <summary>How far a gap may stray from the interval: ticks wait for a busy CPU, the agent's timer does not drift.</summary>
    private const double LongestGap = 1.5;
    private const double ShortestGap = 0.5;

    private StoredTicks(IReadOnlyList<DateTimeOffset> ts) => Ts = ts;

    public IReadOnlyList<DateTimeOffset> Ts { get; }
    public int Count => Ts.Count;
    public DateTimeOffset? First => Ts.Count > 0 ? Ts[0] : null;
    public DateTimeOffset? Last => Ts.Count > 0 ? Ts[^1] : null;

    public static StoredTicks Of(IEnumerable<DateTimeOffset> ts) => new(ts.Order().ToList());

    public static StoredTicks Read(string databasePath, long hostId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ts FROM snapshots WHERE host_id = $host ORDER BY ts;";
        command.Parameters.AddWithValue("$host", hostId);
        using var reader = command.ExecuteReader();
        var ts = new List<DateTimeOffset>();
        while (reader.Read()) ts.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        return new StoredTicks(ts);
    }

    /// <summary>The ticks taken at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public StoredTicks Between(DateTimeOffset from, DateTimeOffset to) => new(Ts.Where(t => t >= from && t < to).ToList());

    public IReadOnlyList<TimeSpan> Gaps() => Ts.Zip(Ts.Skip(1), (a, b) => b - a).ToList();

    /// <summary>Why these ticks are not one unbroken run at <paramref name="interval"/>; empty when they are.</summary>
    public IReadOnlyList<string> Problems(TimeSpan interval)
    {
        var problems = new List<string>();
        if (Ts.Count < 2) return [$"only {Ts.Count} ticks stored"];
        var distinct = Ts.Distinct().Count();
        if (distinct != Ts.Count) problems.Add($"{Ts.Count - distinct} ticks stored more than once");
        for (var i = 1; i < Ts.Count; i++)
        {
            var gap = Ts[i] - Ts[i - 1];
            if (gap > interval * LongestGap) problems.Add($"{gap.TotalSeconds:F3} s without a tick before {Format(Ts[i])} (a tick is missing)");
            else if (gap < interval * ShortestGap) problems.Add($"only {gap.TotalSeconds:F3} s between ticks before {Format(Ts[i])} (a tick too many)");
        }
        var expected = (int)Math.Round((Ts[^1] - Ts[0]) / interval) + 1;
        if (Math.Abs(distinct - expected) > 1)
            problems.Add($"{distinct} distinct ticks where {(Ts[^1] - Ts[0]).TotalSeconds:F1} s at {interval.TotalSeconds} s hold {expected}");
        return problems;
    }

    public override string ToString() =>
        $"{Ts.Count} ticks: " + string.Join(", ", Ts.Select((t, i) => i == 0 ? Format(t) : $"{Format(t)} (+{(t - Ts[i - 1]).TotalSeconds:F2})"));

    private static string Format(DateTimeOffset ts) => ts.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
