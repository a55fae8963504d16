using Lumen.Hub.Hosts;

namespace Lumen.Hub.GoImport;

/// <summary>
/// The tag inventory (tags, tag values) and, per host, the tags it carries (this hub keeps
/// them on the host, <c>hosts.tags_json</c>), inside the hosts' transaction. Keys and values
/// are held to the rules of <see cref="HostTags"/>; a value whose tag the Go hub deleted (its
/// rows stay behind there, unseen) is left out.
/// </summary>
internal sealed class TagImport
{
    private readonly TargetTransaction _target;
    private readonly ILookup<long, GoHostTag> _byHost;
    private readonly long _now;
    private long _carriedImported, _carriedAlready, _carriedSkipped;

    private TagImport(TargetTransaction target, GoContents go, long now) =>
        (_target, _byHost, _now) = (target, go.HostTags.ToLookup(t => t.HostId), now);

    public static TagImport Run(TargetTransaction target, GoContents go, long now, GoImportTally tally)
    {
        var import = new TagImport(target, go, now);
        var keys = import.ImportTags(go.Tags, tally);
        import.ImportValues(go.TagValues, keys, tally);
        return import;
    }

    /// <returns>the keys that exist here now.</returns>
    private HashSet<string> ImportTags(IReadOnlyList<GoTag> tags, GoImportTally tally)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        long imported = 0, already = 0, skipped = 0;
        foreach (var tag in tags)
        {
            if (HostTags.Validate(new Dictionary<string, string?> { [tag.Key] = "" }) is { } error)
            {
                skipped++;
                tally.Note($"tags: '{tag.Key}' left out: {error}");
                continue;
            }
            var added = _target.Execute("INSERT OR IGNORE INTO tags (key, description, created_at, updated_at) VALUES ($key, $description, $created, $updated);",
                ("$key", tag.Key), ("$description", tag.Description), ("$created", Or(tag.CreatedAtMs)), ("$updated", Or(tag.UpdatedAtMs)));
            if (added > 0) imported++; else already++;
            keys.Add(tag.Key);
        }
        tally.Count("tags", imported, already, skipped);
        return keys;
    }

    private void ImportValues(IReadOnlyList<GoTagValue> values, HashSet<string> keys, GoImportTally tally)
    {
        long imported = 0, already = 0, skipped = 0, orphans = 0;
        foreach (var value in values)
        {
            if (!keys.Contains(value.Key))
            {
                orphans++;
                continue;
            }
            if (HostTags.Validate(new Dictionary<string, string?> { [value.Key] = value.Value }) is { } error)
            {
                skipped++;
                tally.Note($"tag_values: '{value.Key}={value.Value}' left out: {error}");
                continue;
            }
            if (AddValue(value.Key, value.Value, Or(value.CreatedAtMs))) imported++; else already++;
        }
        if (orphans > 0) tally.Note($"tag_values: {orphans} value(s) of tags the Go hub deleted left out (they stayed behind there, unseen)");
        tally.Count("tag_values", imported, already, skipped + orphans);
    }

    /// <summary>The tags a Go host carries, as it will carry them here; none (and a note) when the set breaks this hub's rules.</summary>
    public IReadOnlyDictionary<string, string> CarriedBy(GoHost host, GoImportTally tally)
    {
        var carried = _byHost[host.Id].ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (HostTags.Validate(carried.ToDictionary(t => t.Key, t => (string?)t.Value)) is { } error)
        {
            _carriedSkipped += carried.Count;
            tally.Note($"host_tags: host '{host.Name}' imported without its {carried.Count} tag(s): {error}");
            return new Dictionary<string, string>();
        }
        foreach (var (key, value) in carried)
        {
            // As the Go hub requires and this hub's migration 9 does: what a host carries is in the inventory.
            _target.Execute("INSERT OR IGNORE INTO tags (key, description, created_at, updated_at) VALUES ($key, '', $now, $now);", ("$key", key), ("$now", _now));
            if (value.Length > 0) AddValue(key, value, _now);
        }
        _carriedImported += carried.Count;
        return carried;
    }

    /// <summary>A host found here already keeps the tags it carries here.</summary>
    public void AlreadyCarried(long goHostId) => _carriedAlready += _byHost[goHostId].Count();

    public void CountHostTags(IReadOnlyList<GoHost> hosts, GoImportTally tally)
    {
        var known = hosts.Select(h => h.Id).ToHashSet();
        var orphans = _byHost.Where(group => !known.Contains(group.Key)).Sum(group => group.Count());
        if (orphans > 0) tally.Note($"host_tags: {orphans} tag(s) of hosts the Go hub deleted left out");
        var ofHostsLeftOut = _byHost.Where(group => known.Contains(group.Key)).Sum(group => group.Count()) - _carriedImported - _carriedAlready - _carriedSkipped;
        tally.Count("host_tags", _carriedImported, _carriedAlready, _carriedSkipped + orphans + ofHostsLeftOut);
    }

    private bool AddValue(string key, string value, long createdAt) =>
        _target.Execute("INSERT OR IGNORE INTO tag_values (tag_key, value, created_at) VALUES ($key, $value, $created);",
            ("$key", key), ("$value", value), ("$created", createdAt)) > 0;

    private long Or(long ms) => ms > 0 ? ms : _now;
}
