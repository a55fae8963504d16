using Lumen.Protocol;
using Lumen.Hub.Storage;

namespace Lumen.Hub.Settings;

/// <summary>
/// Runtime settings: a key/value table whose rows win; where no row exists, the value given
/// in the environment at start (or the built-in default) applies. Rows are written only when
/// someone sets a value, so changing the environment still works until then.
/// </summary>
public sealed class SettingsStore(LumenDatabase database, SettingDefaults defaults, TimeProvider clock)
{
    public HubSettings Read()
    {
        var (values, texts) = ReadValues();
        return HubSettings.From(values) with { Processes = ProcessSettings.From(texts) };
    }

    /// <summary>Every setting's effective value by key, second names included, and the text settings' canonical text.</summary>
    private (Dictionary<string, TimeSpan> Values, Dictionary<string, string> Texts) ReadValues()
    {
        var values = new Dictionary<string, TimeSpan>(defaults.Values);
        var texts = new Dictionary<string, string>(defaults.Texts);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM settings;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // A row that no longer parses (edited by hand) falls back to the default rather
            // than stopping the hub; the API refuses to write such a value.
            // A second name's row (written before it became one, or by the Go hub) is not read: its setting's own row wins.
            if (SettingDefinitions.Find(reader.GetString(0)) is { SameAs: null } definition
                && definition.Read(reader.GetString(1), "stored value").Error is null)
                values[definition.Key] = GoDuration.Parse(reader.GetString(1));
            else if (TextSettingDefinitions.Find(reader.GetString(0)) is { } text
                && text.Read(reader.GetString(1), "stored value") is (var value, null))
                texts[text.Key] = value;
        }
        foreach (var definition in SettingDefinitions.All)
            if (definition.SameAs is { } target) values[definition.Key] = values[target];
        return (values, texts);
    }

    public async Task<HubSettings> ReadAsync() => await Task.Run(Read);

    /// <summary>
    /// Checks every value, and the set they make with the stored ones, first, and writes none
    /// if one is bad. A second name (<see cref="SettingDefinition.SameAs"/>) writes its setting.
    /// </summary>
    /// <exception cref="ArgumentException">naming the key and its bounds.</exception>
    public HubSettings Write(IReadOnlyDictionary<string, string> changes)
    {
        var parsed = new Dictionary<string, TimeSpan>();
        var parsedTexts = new Dictionary<string, string>();
        foreach (var (key, text) in changes)
        {
            if (TextSettingDefinitions.Find(key) is { } textDefinition)
            {
                var (canonical, refused) = textDefinition.Read(text, key);
                parsedTexts[key] = refused is null ? canonical : throw new ArgumentException(refused);
                continue;
            }
            var definition = SettingDefinitions.Find(key) ?? throw new ArgumentException($"{key} is not a setting");
            var (value, error) = definition.Read(text, key);
            if (error is not null) throw new ArgumentException(error);
            var target = definition.SameAs ?? key;
            if (parsed.TryGetValue(target, out var other) && other != value)
                throw new ArgumentException($"{key} is another name of {target}, and the two were given different values ({GoDuration.Format(value)} and {GoDuration.Format(other)}); give one");
            parsed[target] = value;
        }

        var (effective, _) = ReadValues();
        foreach (var (key, value) in parsed) effective[key] = value;
        if (SettingDefinitions.CheckTogether(effective) is { } conflict) throw new ArgumentException(conflict);

        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var rows = parsed.Select(p => (p.Key, GoDuration.Format(p.Value))).Concat(parsedTexts.Select(p => (p.Key, p.Value)));
        foreach (var (key, value) in rows)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO settings (key, value, updated_at) VALUES ($key, $value, $now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return Read();
    }
}

/// <summary>The defaults the environment gave at start, already checked against the bounds.</summary>
public sealed record SettingDefaults(IReadOnlyDictionary<string, TimeSpan> Values)
{
    /// <summary>The canonical text of each setting that is not a duration (<see cref="TextSettingDefinitions"/>).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = TextSettingDefinitions.Defaults;

    public static SettingDefaults BuiltIn { get; } = new(SettingDefinitions.All.ToDictionary(d => d.Key, d => d.Default));
}
