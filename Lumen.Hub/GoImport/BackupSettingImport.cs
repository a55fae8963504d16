using System.Globalization;
using Lumen.Hub.Backups.Api;
using Lumen.Hub.Backups.Settings;
using Lumen.Hub.Storage;

namespace Lumen.Hub.GoImport;

/// <summary>
/// The Go hub's <c>backup.*</c> rows, which this hub keeps under the same keys: each value is
/// checked as <c>PUT /api/settings/backup</c> checks it, and the two it cannot check are copied
/// as they are: the passphrase's Argon2id hash (so the Go passphrase keeps working) and the S3
/// secret key sealed with the hub secret (it opens here when <c>LUMEN_HUB_SECRET</c> is the Go
/// hub's). A key this hub has a row for keeps this hub's value. All or none, in one write.
/// </summary>
internal static class BackupSettingImport
{
    private const string Prefix = "backup.";

    public static void Run(LumenDatabase database, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var goRows = go.Settings.Where(s => s.Key.StartsWith(Prefix, StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        if (goRows.Count == 0) return;
        var here = StoredKeys(database);
        var wanted = goRows.Where(r => !here.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var kept = goRows.Count - wanted.Count;
        if (kept > 0) tally.Note($"settings {string.Join(", ", goRows.Keys.Where(here.Contains))}: kept this hub's backup settings");

        var (rows, problem) = Checked(wanted);
        if (rows is null)
        {
            tally.Count("settings", 0, kept, wanted.Count);
            tally.Note($"settings backup.*: none imported, {problem}");
            return;
        }
        if (rows.Count > 0) new BackupSettingsStore(database, options.Clock).Write(rows);
        tally.Count("settings", rows.Count, kept, wanted.Count - rows.Count);
        foreach (var key in wanted.Keys.Where(k => !rows.ContainsKey(k)))
            tally.Note($"settings {key}: not a backup setting this hub keeps");
    }

    private static (IReadOnlyDictionary<string, string>? Rows, string? Problem) Checked(IReadOnlyDictionary<string, string> go)
    {
        string? Text(string key) => go.TryGetValue(Prefix + key, out var value) ? value : null;
        bool? Flag(string key) => Text(key) is { } value ? value == "true" : null;
        int? Number(string key)
        {
            if (Text(key) is not { } value) return null;
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
        }

        var body = new BackupSettingsBody(Flag("enabled"), Text("target"), Text("local_path"),
            Text("cron") is { Length: > 0 } cron ? cron : null, Number("retain_last") is 0 ? 14 : Number("retain_last"), null,
            Text("s3_endpoint"), Text("s3_region"), Text("s3_bucket"), Text("s3_prefix"), Text("s3_access_key"), null, Flag("s3_force_path_style"),
            null, null, null, null, null);
        var (rows, problem) = BackupSettingsChanges.From(body, hubSecret: []);
        if (rows is null) return (null, $"the Go hub's values break a rule of this hub: {problem}");
        var all = new Dictionary<string, string>(rows, StringComparer.Ordinal);
        if (Text("passphrase_hash") is { Length: > 0 } hash)
        {
            if (!hash.StartsWith("$argon2id$", StringComparison.Ordinal)) return (null, "backup.passphrase_hash is not an Argon2id hash");
            all[BackupSettingKeys.PassphraseHash] = hash;
        }
        if (Text("s3_secret_key_enc") is { Length: > 0 } sealedKey) all[BackupSettingKeys.S3SecretKeyEncrypted] = sealedKey;
        return (all, null);
    }

    private static HashSet<string> StoredKeys(LumenDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM settings WHERE key LIKE 'backup.%';";
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) keys.Add(reader.GetString(0));
        return keys;
    }
}
