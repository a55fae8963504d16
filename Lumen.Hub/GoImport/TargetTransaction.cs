using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// One write transaction on this hub's database for one group of tables, so a failure leaves
/// none of the group written; begun IMMEDIATE, so a running hub's writer and the import queue
/// for the lock (busy timeout) rather than one of them failing half-way.
/// </summary>
internal sealed class TargetTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public TargetTransaction(SqliteConnection connection)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction(deferred: false);
    }

    /// <returns>rows changed.</returns>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> row, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(row(reader));
        return rows;
    }

    public bool HasColumn(string table, string column) =>
        Convert.ToInt64(Scalar("SELECT count(*) FROM pragma_table_info($table) WHERE name = $column;", ("$table", table), ("$column", column)),
            System.Globalization.CultureInfo.InvariantCulture) > 0;

    public void Commit() => _transaction.Commit();

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public void Dispose() => _transaction.Dispose();
}
