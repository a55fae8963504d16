using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Accounts;

/// <summary>A dashboard account as the API shows it.</summary>
public sealed record UserRecord(long Id, string Username, bool IsAdmin, DateTimeOffset CreatedAt, long SessionEpoch);

/// <summary>An account with its stored password hash, for sign-in only.</summary>
public sealed record UserCredentials(UserRecord User, string PasswordHash);

/// <summary>The users table: accounts, their password hashes and their session epochs.</summary>
public sealed class UserStore(LumenDatabase database, TimeProvider clock)
{
    private const string Columns = "id, username, is_admin, created_at, session_epoch, password_hash";

    public bool AdminExists()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM users WHERE is_admin = 1);";
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>
    /// Creates the first admin, or returns null when an admin already exists. The check and
    /// the insert share one write transaction, so two racing registrations make one admin.
    /// </summary>
    public UserRecord? CreateFirstAdmin(string username, string passwordHash)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM users WHERE is_admin = 1);";
        if ((long)command.ExecuteScalar()! == 1) return null;
        var user = Insert(connection, transaction, username, passwordHash, isAdmin: true);
        transaction.Commit();
        return user;
    }

    /// <summary>Creates an admin unless a user of that name exists; true when it did.</summary>
    public bool CreateAdminIfMissing(string username, string passwordHash)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Find(connection, transaction, "username = $key", username) is not null) return false;
        Insert(connection, transaction, username, passwordHash, isAdmin: true);
        transaction.Commit();
        return true;
    }

    public UserCredentials? FindByName(string username)
    {
        using var connection = database.Open();
        return Find(connection, null, "username = $key", username);
    }

    public UserRecord? FindById(long id)
    {
        using var connection = database.Open();
        return Find(connection, null, "id = $key", id)?.User;
    }

    /// <summary>Stores a new hash and ends every session issued before; the new epoch, or null for an unknown user.</summary>
    public long? ChangePassword(long userId, string passwordHash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE users SET password_hash = $hash, session_epoch = session_epoch + 1 WHERE id = $id RETURNING session_epoch;";
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$id", userId);
        return command.ExecuteScalar() is long epoch ? epoch : null;
    }

    public IReadOnlyList<UserRecord> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM users ORDER BY username;";
        using var reader = command.ExecuteReader();
        var users = new List<UserRecord>();
        while (reader.Read()) users.Add(Read(reader).User);
        return users;
    }

    private UserRecord Insert(SqliteConnection connection, SqliteTransaction transaction, string username, string passwordHash, bool isAdmin)
    {
        var now = clock.GetUtcNow();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (username, password_hash, is_admin, created_at) VALUES ($name, $hash, $admin, $now) RETURNING id;";
        command.Parameters.AddWithValue("$name", username);
        command.Parameters.AddWithValue("$hash", passwordHash);
        command.Parameters.AddWithValue("$admin", isAdmin ? 1 : 0);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var id = (long)command.ExecuteScalar()!;
        return new UserRecord(id, username, isAdmin, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), 0);
    }

    private static UserCredentials? Find(SqliteConnection connection, SqliteTransaction? transaction, string where, object key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where};";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static UserCredentials Read(SqliteDataReader reader) =>
        new(new UserRecord(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2) == 1,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt64(4)),
            reader.GetString(5));
}
