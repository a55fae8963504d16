using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Tags;

/// <summary>
/// Who uses which tags, read inside the caller's transaction: every host's tags (hosts.tags_json)
/// and every rule's selector (alert_rules.host_selector). A homelab has at most some hundreds of
/// hosts and rules, so both are read whole and counted in memory.
/// </summary>
internal sealed class TagUsage
{
    private TagUsage(List<(long Id, IReadOnlyDictionary<string, string> Tags)> hosts, List<(long Id, string Name, string Text, TagSelector? Selector)> rules) =>
        (Hosts, Rules) = (hosts, rules);

    public List<(long Id, IReadOnlyDictionary<string, string> Tags)> Hosts { get; }

    /// <summary>Rules with a selector, in id order; <c>Selector</c> null when its text does not parse.</summary>
    public List<(long Id, string Name, string Text, TagSelector? Selector)> Rules { get; }

    public static TagUsage Read(SqliteTransaction transaction)
    {
        var hosts = new List<(long, IReadOnlyDictionary<string, string>)>();
        using (var command = Command(transaction, "SELECT id, tags_json FROM hosts ORDER BY id;"))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) hosts.Add((reader.GetInt64(0), HostTags.FromJson(reader.GetString(1))));

        var rules = new List<(long, string, string, TagSelector?)>();
        using (var command = Command(transaction, "SELECT id, name, host_selector FROM alert_rules WHERE host_selector <> '' ORDER BY id;"))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                rules.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), TagSelector.Parse(reader.GetString(2)).Selector));
        return new TagUsage(hosts, rules);
    }

    public static bool Carries(IReadOnlyDictionary<string, string> tags, string key, string? value) =>
        tags.TryGetValue(key, out var actual) && (value is null || actual == value);

    public int HostCount(string key, string? value = null) => Hosts.Count(host => Carries(host.Tags, key, value));

    public int RuleCount(string key) => Rules.Count(rule => rule.Selector is { } selector && SelectorCleanup.Uses(selector, key, null));

    /// <summary>The hosts and rules using <paramref name="key"/> (with <paramref name="value"/>, when given).</summary>
    public TagImpact Impact(string key, string? value)
    {
        var names = Rules.Where(rule => rule.Selector is { } selector && SelectorCleanup.Uses(selector, key, value)).Select(rule => rule.Name).ToList();
        return new TagImpact(HostCount(key, value), names.Count, names);
    }

    internal static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
