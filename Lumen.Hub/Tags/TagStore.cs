using Lumen.Hub.Hosts;
using Lumen.Hub.Storage;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Tags;

/// <summary>
/// The tag inventory (tags, tag_values): the keys and values rules and windows pick from, kept
/// beside the tags hosts actually carry (hosts.tags_json, free-form). Replacing a host's tags
/// adds any pair the inventory lacks; deleting a tag or a value removes it from the inventory,
/// from every host and from every rule's selector, in one transaction.
/// </summary>
public sealed class TagStore(LumenDatabase database, TimeProvider clock)
{
    public IReadOnlyList<Tag> List() => Read(transaction => ReadTags(transaction, key: null));

    public Tag? Find(string key) => Read(transaction => ReadTags(transaction, key).SingleOrDefault());

    /// <summary>Adds a tag with its values; null when the key is already listed.</summary>
    public Tag? Add(string key, string description, IEnumerable<string> values) => InTransaction(transaction =>
    {
        if (Exists(transaction, key)) return null;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Execute(transaction, "INSERT INTO tags (key, description, created_at, updated_at) VALUES ($key, $description, $now, $now);",
            ("$key", key), ("$description", description), ("$now", now));
        foreach (var value in values.Distinct(StringComparer.Ordinal)) InsertValue(transaction, key, value, now);
        return ReadTags(transaction, key).Single();
    });

    /// <summary>Changes a tag's description; null when the key is not listed.</summary>
    public Tag? Describe(string key, string description) => InTransaction(transaction =>
        Execute(transaction, "UPDATE tags SET description = $description, updated_at = $now WHERE key = $key;",
            ("$key", key), ("$description", description), ("$now", clock.GetUtcNow().ToUnixTimeMilliseconds())) == 0
            ? null
            : ReadTags(transaction, key).Single());

    public AddValueOutcome AddValue(string key, string value) => InTransaction(transaction =>
    {
        if (!Exists(transaction, key)) return AddValueOutcome.NoSuchTag;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (InsertValue(transaction, key, value, now) == 0) return AddValueOutcome.AlreadyListed;
        Touch(transaction, key, now);
        return AddValueOutcome.Added;
    });

    /// <summary>What deleting the tag (or only its <paramref name="value"/>) would touch; null when it is not listed.</summary>
    public TagImpact? Impact(string key, string? value = null) => Read(transaction =>
        IsListed(transaction, key, value) ? TagUsage.Read(transaction).Impact(key, value) : null);

    /// <summary>
    /// Deletes the tag with every value from the inventory, every host and every rule's
    /// selector; answers what it touched, counted before, or null when the key is not listed.
    /// </summary>
    public TagImpact? Delete(string key) => Remove(key, value: null);

    /// <summary>As <see cref="Delete"/> for one value: hosts and selectors lose the pair only where it has this value.</summary>
    public TagImpact? DeleteValue(string key, string value) => Remove(key, value);

    /// <summary>Every pair hosts carry, with how many carry it, by key then value.</summary>
    public IReadOnlyList<HostTagCount> HostTagCounts() => Read(transaction =>
        TagUsage.Read(transaction).Hosts
            .SelectMany(host => host.Tags)
            .GroupBy(tag => (tag.Key, tag.Value))
            .Select(group => new HostTagCount(group.Key.Key, group.Key.Value, group.Count()))
            .OrderBy(count => count.Key, StringComparer.Ordinal).ThenBy(count => count.Value, StringComparer.Ordinal)
            .ToList());

    /// <summary>
    /// Replaces the host's tags (checked by <see cref="HostTags.Validate"/>) and lists every key
    /// and non-empty value the inventory lacks; false when there is no such host.
    /// </summary>
    public bool SetHostTags(HostId host, IReadOnlyDictionary<string, string> tags) => InTransaction(transaction =>
    {
        if (Execute(transaction, "UPDATE hosts SET tags_json = $tags WHERE id = $id;", ("$tags", HostTags.ToJson(tags)), ("$id", host.Value)) == 0)
            return false;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (key, value) in tags)
        {
            Execute(transaction, "INSERT OR IGNORE INTO tags (key, description, created_at, updated_at) VALUES ($key, '', $now, $now);", ("$key", key), ("$now", now));
            if (value.Length > 0) InsertValue(transaction, key, value, now);
        }
        return true;
    });

    private TagImpact? Remove(string key, string? value) => InTransaction<TagImpact?>(transaction =>
    {
        if (!IsListed(transaction, key, value)) return null;
        var usage = TagUsage.Read(transaction);
        var impact = usage.Impact(key, value);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var rule in usage.Rules)
            if (SelectorCleanup.Without(rule.Text, key, value) is { } rewritten)
                Execute(transaction, "UPDATE alert_rules SET host_selector = $selector, updated_at = $now WHERE id = $id;",
                    ("$selector", rewritten), ("$now", now), ("$id", rule.Id));
        // Only tags_json changes: nothing else about the host (no counter, no timestamp) moves.
        foreach (var host in usage.Hosts.Where(host => TagUsage.Carries(host.Tags, key, value)))
            Execute(transaction, "UPDATE hosts SET tags_json = $tags WHERE id = $id;",
                ("$tags", HostTags.ToJson(host.Tags.Where(tag => tag.Key != key).ToDictionary())), ("$id", host.Id));
        if (value is null)
            Execute(transaction, "DELETE FROM tag_values WHERE tag_key = $key; DELETE FROM tags WHERE key = $key;", ("$key", key));
        else
        {
            Execute(transaction, "DELETE FROM tag_values WHERE tag_key = $key AND value = $value;", ("$key", key), ("$value", value));
            Touch(transaction, key, now);
        }
        return impact;
    });

    private static List<Tag> ReadTags(SqliteTransaction transaction, string? key)
    {
        var usage = TagUsage.Read(transaction);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using (var command = TagUsage.Command(transaction, "SELECT tag_key, value FROM tag_values WHERE $key IS NULL OR tag_key = $key;"))
        {
            command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                (values.TryGetValue(reader.GetString(0), out var list) ? list : values[reader.GetString(0)] = []).Add(reader.GetString(1));
        }

        var tags = new List<Tag>();
        using (var command = TagUsage.Command(transaction, "SELECT key, description FROM tags WHERE $key IS NULL OR key = $key ORDER BY key;"))
        {
            command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var listed = values.GetValueOrDefault(name) ?? [];
                listed.Sort(StringComparer.Ordinal);
                tags.Add(new Tag(name, reader.GetString(1), listed, usage.HostCount(name), usage.RuleCount(name)));
            }
        }
        return tags;
    }

    private static bool Exists(SqliteTransaction transaction, string key) => IsListed(transaction, key, value: null);

    private static bool IsListed(SqliteTransaction transaction, string key, string? value)
    {
        using var command = TagUsage.Command(transaction, value is null
            ? "SELECT EXISTS (SELECT 1 FROM tags WHERE key = $key);"
            : "SELECT EXISTS (SELECT 1 FROM tag_values WHERE tag_key = $key AND value = $value);");
        command.Parameters.AddWithValue("$key", key);
        if (value is not null) command.Parameters.AddWithValue("$value", value);
        return (long)command.ExecuteScalar()! == 1;
    }

    private static int InsertValue(SqliteTransaction transaction, string key, string value, long now) =>
        Execute(transaction, "INSERT OR IGNORE INTO tag_values (tag_key, value, created_at) VALUES ($key, $value, $now);",
            ("$key", key), ("$value", value), ("$now", now));

    private static void Touch(SqliteTransaction transaction, string key, long now) =>
        Execute(transaction, "UPDATE tags SET updated_at = $now WHERE key = $key;", ("$key", key), ("$now", now));

    private static int Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = TagUsage.Command(transaction, sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command.ExecuteNonQuery();
    }

    /// <summary>Reads in one consistent view without taking the write lock the batcher needs.</summary>
    private T Read<T>(Func<SqliteTransaction, T> work) => InTransaction(work, deferred: true);

    private T InTransaction<T>(Func<SqliteTransaction, T> work, bool deferred = false)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction(deferred);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }
}
