using Microsoft.Data.Sqlite;

namespace Lumen.Faults.Specs.Support;

/// <summary>
/// Rows older than the retention window, written straight into the hub's database beside the
/// running hub (as a restore or a clock jump would leave them), for the retention sweep to find.
/// </summary>
public static class OldRows
{
    public static void Insert(string databasePath, long hostId, DateTimeOffset oldest, int count)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO snapshots (host_id, ts, cpu_pct, ram_pct, swap_pct, disk_pct, load1, load5, load15,
                                             net_rx_bps, net_tx_bps, disk_r_bps, disk_w_bps, temp_c)
            VALUES ($host, $ts, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 40);
            """;
        var host = command.Parameters.Add("$host", SqliteType.Integer);
        var ts = command.Parameters.Add("$ts", SqliteType.Integer);
        host.Value = hostId;
        for (var i = 0; i < count; i++)
        {
            ts.Value = oldest.AddSeconds(i * 5).ToUnixTimeMilliseconds();
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    /// <summary>Rows of the host with <paramref name="fromTsMs"/> ≤ ts &lt; <paramref name="toTsMs"/>.</summary>
    public static long Count(string databasePath, long hostId, long fromTsMs, long toTsMs)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM snapshots WHERE host_id = $host AND ts >= $from AND ts < $to;";
        command.Parameters.AddWithValue("$host", hostId);
        command.Parameters.AddWithValue("$from", fromTsMs);
        command.Parameters.AddWithValue("$to", toTsMs);
        return (long)command.ExecuteScalar()!;
    }
}
