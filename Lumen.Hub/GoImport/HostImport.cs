using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Protocol.Json;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Hosts, the tag inventory and the tags hosts carry, in one transaction. A host keeps its
/// token: the Go hub stores the hex SHA-256 of the whole <c>lum_…</c> token, this hub the same
/// digest as 32 bytes (<see cref="Hosts.Tokens.AgentToken.Hash(string)"/>), so the Go agent's
/// token is accepted unchanged. A host is the same host when its name (ignoring case) and its
/// token both match; a name taken here by a host with another token is left out with its history.
/// </summary>
internal static class HostImport
{
    private sealed record HubHost(long Id, string Name, byte[] TokenHash);

    /// <returns>the hub's id of every Go host imported or found here already, by name.</returns>
    /// <exception cref="GoImportException">this hub has hosts of its own and <see cref="GoImportOptions.Merge"/> is off; nothing written.</exception>
    public static Dictionary<string, HostId> Run(SqliteConnection connection, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var target = new TargetTransaction(connection);
        var here = HostsHere(target);
        if (!options.Merge) RefuseHostsOfItsOwn(here, go.Hosts);

        var tags = TagImport.Run(target, go, now, tally);
        var mapped = new Dictionary<string, HostId>(StringComparer.OrdinalIgnoreCase);
        long imported = 0, already = 0, skipped = 0, silences = 0;
        var columns = new OptionalColumns(target.HasColumn("hosts", "public_visible"), target.HasColumn("hosts", "metadata_updated_at"));
        foreach (var host in go.Hosts)
        {
            var hash = TokenHash(host.TokenHash);
            var problem = HostName.Validate(host.Name) is { } nameError ? $"host '{host.Name}': {nameError}"
                : hash is null ? $"host '{host.Name}': its token hash is not the 64 hex digits of a SHA-256"
                : null;
            var sameName = here.FirstOrDefault(h => string.Equals(h.Name, host.Name, StringComparison.OrdinalIgnoreCase));
            var sameToken = hash is null ? null : here.FirstOrDefault(h => h.TokenHash.AsSpan().SequenceEqual(hash));
            if (problem is null && sameName is not null && sameName == sameToken)
            {
                already++;
                mapped[host.Name] = new HostId(sameName.Id);
                tags.AlreadyCarried(host.Id);
                continue;
            }
            problem ??= sameName is not null ? $"host '{host.Name}': a host of that name with another token is here; kept this hub's host, and the Go host's history is not imported"
                : sameToken is not null ? $"host '{host.Name}': its token belongs to host '{sameToken.Name}' here; left out with its history"
                : null;
            if (problem is not null)
            {
                skipped++;
                tally.Note(problem);
                continue;
            }

            mapped[host.Name] = new HostId(Insert(target, host, hash!, tags.CarriedBy(host, tally), columns, now));
            imported++;
            if (host.SilencedUntil is not null) silences++;
        }
        tally.Count("hosts", imported, already, skipped);
        if (silences > 0) tally.Note($"hosts: {silences} silence(s) imported with their hosts (silenced_until as stored)");
        NoteOptionalColumns(go.Hosts, columns, tally);
        tags.CountHostTags(go.Hosts, tally);
        target.Commit();
        return mapped;
    }

    /// <summary>Refuses, before anything is written, a hub with hosts of its own when not merging.</summary>
    /// <exception cref="GoImportException">this hub has a host the Go file does not hold (by name and token).</exception>
    public static void CheckMayImport(SqliteConnection connection, GoContents go, GoImportOptions options)
    {
        if (options.Merge) return;
        using var target = new TargetTransaction(connection);
        RefuseHostsOfItsOwn(HostsHere(target), go.Hosts);
    }

    private static List<HubHost> HostsHere(TargetTransaction target) =>
        target.Query("SELECT id, name, token_hash FROM hosts;", r => new HubHost(r.GetInt64(0), r.GetString(1), (byte[])r.GetValue(2)));

    private sealed record OptionalColumns(bool PublicVisible, bool MetadataUpdatedAt);

    private static long Insert(TargetTransaction target, GoHost host, byte[] hash, IReadOnlyDictionary<string, string> tags, OptionalColumns columns, long now)
    {
        var extraNames = (columns.PublicVisible ? ", public_visible" : "") + (columns.MetadataUpdatedAt ? ", metadata_updated_at" : "");
        var extraValues = (columns.PublicVisible ? ", $public" : "") + (columns.MetadataUpdatedAt ? ", $metadata" : "");
        return (long)target.Scalar($"""
            INSERT INTO hosts (name, token_hash, created_at, last_seen_at, system_json, tags_json, silenced_until{extraNames})
            VALUES ($name, $hash, $created, $seen, $system, $tags, $silenced{extraValues}) RETURNING id;
            """,
            ("$name", host.Name), ("$hash", hash), ("$created", host.CreatedAtMs > 0 ? host.CreatedAtMs : now), ("$seen", host.LastSeenAtMs),
            ("$system", host.System is null ? null : JsonSerializer.Serialize(host.System, LumenJson.SystemInfo)),
            ("$tags", HostTags.ToJson(tags)), ("$silenced", host.SilencedUntil), ("$public", host.PublicVisible ? 1 : 0),
            ("$metadata", host.MetadataUpdatedAtMs))!;
    }

    private static void NoteOptionalColumns(IReadOnlyList<GoHost> hosts, OptionalColumns columns, GoImportTally tally)
    {
        var visible = hosts.Count(h => h.PublicVisible);
        if (!columns.PublicVisible && visible > 0)
            tally.Note($"hosts: public_visible of {visible} host(s) not imported: this hub has no column for it");
        var metadata = hosts.Count(h => h.MetadataUpdatedAtMs is not null);
        if (!columns.MetadataUpdatedAt && metadata > 0)
            tally.Note($"hosts: metadata_updated_at of {metadata} host(s) not kept: this hub has no column for it (the system facts themselves are imported)");
    }

    private static void RefuseHostsOfItsOwn(IReadOnlyList<HubHost> here, IReadOnlyList<GoHost> go)
    {
        var own = here.Where(h => !go.Any(g => string.Equals(g.Name, h.Name, StringComparison.OrdinalIgnoreCase)
            && TokenHash(g.TokenHash) is { } hash && hash.AsSpan().SequenceEqual(h.TokenHash))).Select(h => h.Name).ToList();
        if (own.Count == 0) return;
        throw new GoImportException(
            $"this hub already has {own.Count} host(s) of its own ({string.Join(", ", own.Take(5))}{(own.Count > 5 ? ", …" : "")}); " +
            "run with --merge to import beside them (a Go host whose name is taken here is then left out and reported)");
    }

    /// <summary>The Go hub's lowercase hex SHA-256 as the 32 bytes this hub stores, or null when it is not one.</summary>
    private static byte[]? TokenHash(string hex)
    {
        if (hex.Length != 64) return null;
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
