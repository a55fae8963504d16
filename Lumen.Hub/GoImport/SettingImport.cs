using Lumen.Hub.Settings;
using Lumen.Hub.Storage;
using Lumen.Protocol;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Settings, each mapped by <see cref="GoSettingMap"/> and checked by this hub's own definition
/// (bounds, and the rules between settings) before any is written, all in one transaction
/// (<see cref="SettingsStore.Write"/>). A setting this hub has a row for keeps this hub's value.
/// </summary>
internal static class SettingImport
{
    public static void Run(LumenDatabase database, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var store = new SettingsStore(database, SettingDefaults.BuiltIn, options.Clock);
        var here = StoredRows(database);
        var changes = new Dictionary<string, string>();
        long already = 0, skipped = 0;
        foreach (var group in go.Settings.Select(s => (Setting: s, Map: GoSettingMap.Map(s.Key))).Where(s => s.Map.WhyNot is not null and not GoSettingMap.BackupSettings).GroupBy(s => s.Map.WhyNot))
        {
            skipped += group.Count();
            tally.Note($"settings {string.Join(", ", group.Select(s => s.Setting.Key))}: {group.Key}");
        }
        foreach (var (setting, hubKey) in go.Settings.Select(s => (s, GoSettingMap.Map(s.Key).HubKey)).Where(s => s.HubKey is not null))
        {
            var (canonical, error) = Canonical(hubKey!, setting.Value, setting.Key);
            if (error is not null)
            {
                skipped++;
                tally.Note($"settings {setting.Key}: {error}");
            }
            else if (here.TryGetValue(hubKey!, out var stored) && stored == canonical) already++;
            else if (stored is not null)
            {
                skipped++;
                tally.Note($"settings {setting.Key}: kept this hub's {hubKey} = {stored} (the Go hub had {setting.Value})");
            }
            else changes[hubKey!] = canonical;
        }

        try
        {
            if (changes.Count > 0) store.Write(changes);
            tally.Count("settings", changes.Count, already, skipped);
        }
        catch (ArgumentException e)
        {
            tally.Count("settings", 0, already, skipped + changes.Count);
            tally.Note($"settings {string.Join(", ", changes.Keys)}: none imported, together they break a rule of this hub: {e.Message}");
        }
    }

    private static (string Canonical, string? Error) Canonical(string hubKey, string value, string goKey)
    {
        if (TextSettingDefinitions.Find(hubKey) is { } text) return text.Read(value, $"the Go hub's {goKey}");
        var definition = SettingDefinitions.Find(hubKey)!;
        var (parsed, error) = definition.Read(value, $"the Go hub's {goKey}");
        return error is null ? (GoDuration.Format(parsed), null) : ("", error);
    }

    private static Dictionary<string, string> StoredRows(LumenDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM settings;";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) rows[reader.GetString(0)] = reader.GetString(1);
        return rows;
    }
}
