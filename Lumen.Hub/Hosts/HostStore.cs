using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Storage;
using System.Text.Json;
using Lumen.Protocol.Json;
using Lumen.Protocol.Ingest;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Hosts;

/// <summary>A row of the hosts table as the admin tools show it.</summary>
public sealed record HostRecord(HostId Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt);

/// <summary>
/// A host with everything the hosts table keeps about it, for the API's host list;
/// <paramref name="SilencedUntil"/> as stored, which may already lie in the past.
/// </summary>
public sealed record HostDetails(HostRecord Host, IReadOnlyDictionary<string, string> Tags, SystemInfo? System, DateTimeOffset? SilencedUntil = null)
{
    /// <summary>When the stored system facts arrived (hub clock), null before any frame carried them.</summary>
    public DateTimeOffset? MetadataUpdatedAt { get; init; }

    /// <summary>The Go hub's flag for its public status page; kept (an import fills it), shown by no page yet.</summary>
    public bool PublicVisible { get; init; }
}

/// <summary>A newly issued token: shown to the user once, never stored in clear.</summary>
public sealed record IssuedToken(HostRecord Host, string Token);

/// <summary>Thrown for an admin request that cannot be done as asked (duplicate or unknown name).</summary>
public sealed class HostAdminException(string message) : Exception(message);

/// <summary>
/// Host administration on the hosts table: add, list, rotate, remove. Safe to use from the
/// command line while the hub runs: the hub notices through the hosts_version counter.
/// </summary>
public sealed class HostStore(LumenDatabase database, TimeProvider clock)
{
    /// <summary>Rows deleted per statement when a host's history is removed, so the hub's writer never waits long.</summary>
    private const int DeleteChunkRows = 5000;

    public IssuedToken Add(string name)
    {
        if (HostName.Validate(name) is { } error) throw new HostAdminException(error);
        var token = AgentToken.Generate();
        var now = clock.GetUtcNow();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO hosts (name, token_hash, created_at) VALUES ($name, $hash, $now) RETURNING id;";
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$hash", AgentToken.Hash(token).ToBytes());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        try
        {
            var id = (long)command.ExecuteScalar()!;
            return new IssuedToken(new HostRecord(new HostId(id), name, now, null), token);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT */)
        {
            throw new HostAdminException($"a host named '{name}' already exists");
        }
    }

    public IReadOnlyList<HostRecord> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at, last_seen_at FROM hosts ORDER BY name;";
        using var reader = command.ExecuteReader();
        var hosts = new List<HostRecord>();
        while (reader.Read())
            hosts.Add(new HostRecord(
                new HostId(reader.GetInt64(0)), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        return hosts;
    }

    public IssuedToken Rotate(string name) => Rotate(Find(name) ?? throw new HostAdminException($"no host named '{name}'"));

    public IssuedToken Rotate(HostRecord host)
    {
        var token = AgentToken.Generate();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hosts SET token_hash = $hash WHERE id = $id;";
        command.Parameters.AddWithValue("$hash", AgentToken.Hash(token).ToBytes());
        command.Parameters.AddWithValue("$id", host.Id.Value);
        command.ExecuteNonQuery();
        return new IssuedToken(host, token);
    }

    /// <summary>Removes the host (its token dies with it) and then its history, in chunks.</summary>
    public HostRecord Remove(string name) => Remove(Find(name) ?? throw new HostAdminException($"no host named '{name}'"));

    /// <summary>Removes the host (its token dies with it) and then its history, in chunks.</summary>
    public HostRecord Remove(HostRecord host)
    {
        using var connection = database.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                DELETE FROM hosts WHERE id = $id;
                DELETE FROM snapshot_minutes_until WHERE host_id = $id;
                DELETE FROM snapshot_buckets_until WHERE host_id = $id;
                DELETE FROM snapshot_hours_until WHERE host_id = $id;
                """;
            command.Parameters.AddWithValue("$id", host.Id.Value);
            command.ExecuteNonQuery();
        }
        while (SnapshotChunks.DeleteOlderThan(connection, host.Id.Value, long.MaxValue, DeleteChunkRows) > 0) { }
        SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Minutes, host.Id.Value, long.MaxValue, DeleteChunkRows);
        SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Buckets, host.Id.Value, long.MaxValue, DeleteChunkRows);
        SnapshotChunks.DeleteTierRowsBefore(connection, SnapshotChunks.Tier.Hours, host.Id.Value, long.MaxValue, DeleteChunkRows);
        foreach (var tier in SnapshotChunks.Tier.Items)
            SnapshotChunks.DeleteTierRowsBefore(connection, tier, host.Id.Value, long.MaxValue, DeleteChunkRows);
        return host;
    }

    public HostRecord? Find(HostId id) => ListDetails().FirstOrDefault(h => h.Host.Id == id)?.Host;

    /// <summary>Every host with its tags and the system facts of its newest flushed frame.</summary>
    public IReadOnlyList<HostDetails> ListDetails()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at, last_seen_at, tags_json, system_json, silenced_until, metadata_updated_at, public_visible FROM hosts ORDER BY name;";
        using var reader = command.ExecuteReader();
        var hosts = new List<HostDetails>();
        while (reader.Read())
            hosts.Add(new HostDetails(
                new HostRecord(new HostId(reader.GetInt64(0)), reader.GetString(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))),
                HostTags.FromJson(reader.GetString(4)),
                reader.IsDBNull(5) ? null : ReadSystem(reader.GetString(5)),
                reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(6)))
            {
                MetadataUpdatedAt = reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                PublicVisible = reader.GetInt64(8) != 0,
            });
        return hosts;
    }

    /// <summary>
    /// Silences the host's alerts until <paramref name="until"/> (whole unix seconds, as the Go
    /// hub stores it), or ends the silence when null; false when there is no such host.
    /// </summary>
    public bool SetSilence(HostId id, DateTimeOffset? until)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hosts SET silenced_until = $until WHERE id = $id;";
        command.Parameters.AddWithValue("$until", until is { } instant ? instant.ToUnixTimeSeconds() : DBNull.Value);
        command.Parameters.AddWithValue("$id", id.Value);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>
    /// Every host that has a silence stored, with its end (which may already have passed: the
    /// reader compares with its own clock). A host missing from the answer is not silenced.
    /// </summary>
    public IReadOnlyDictionary<HostId, DateTimeOffset> LoadSilences()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, silenced_until FROM hosts WHERE silenced_until IS NOT NULL;";
        using var reader = command.ExecuteReader();
        var silences = new Dictionary<HostId, DateTimeOffset>();
        while (reader.Read())
            silences[new HostId(reader.GetInt64(0))] = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(1));
        return silences;
    }

    private static SystemInfo? ReadSystem(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, LumenJson.SystemInfo);
        }
        catch (JsonException)
        {
            // Written by this hub from a validated frame; if it was edited by hand, show nothing.
            return null;
        }
    }

    public HostRecord? Find(string name) =>
        List().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Bumped by triggers whenever a host is added, removed, renamed or re-keyed.</summary>
    public long Version()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'hosts_version';";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The host whose token has this hash, read from the table (not the in-memory map), or null.</summary>
    public HostIdentity? FindByToken(TokenHash hash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM hosts WHERE token_hash = $hash;";
        command.Parameters.AddWithValue("$hash", hash.ToBytes());
        using var reader = command.ExecuteReader();
        return reader.Read() ? new HostIdentity(new HostId(reader.GetInt64(0)), reader.GetString(1)) : null;
    }

    public IReadOnlyList<KeyValuePair<TokenHash, HostIdentity>> LoadTokens()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, token_hash FROM hosts;";
        using var reader = command.ExecuteReader();
        var tokens = new List<KeyValuePair<TokenHash, HostIdentity>>();
        while (reader.Read())
        {
            var hash = TokenHash.From((byte[])reader.GetValue(2));
            tokens.Add(new(hash, new HostIdentity(new HostId(reader.GetInt64(0)), reader.GetString(1))));
        }
        return tokens;
    }
}
