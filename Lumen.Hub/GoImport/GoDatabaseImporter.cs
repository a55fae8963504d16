using System.Diagnostics;
using Lumen.Hub.Storage;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Imports a Go Lumen hub's database (go-lumen-compat §1) into this hub's: hosts with their
/// tokens, tags, users with their passwords, settings, alert rules, channels and their links,
/// maintenance windows, and the snapshot history, each group in its own transaction, and
/// reports what it did and left out. The Go file is read in one read transaction and never
/// written; it is checked before this hub's file is opened, so a file that is not a Go hub's
/// database changes nothing here. Running it again adds nothing. Used by
/// <c>lumen-hub import-go</c> and by restoring a Go hub's backup.
/// </summary>
public static class GoDatabaseImporter
{
    /// <exception cref="GoImportException">the Go file cannot be imported, or this hub has hosts of its own without <see cref="GoImportOptions.Merge"/>; nothing was changed.</exception>
    public static GoImportReport Import(string goDatabasePath, string hubDatabasePath, GoImportOptions options)
    {
        var started = Stopwatch.GetTimestamp();
        using var source = GoSource.Open(goDatabasePath);
        var contents = source.ReadContents();
        var database = new LumenDatabase(hubDatabasePath);
        if (string.Equals(database.Path, source.Path, StringComparison.Ordinal))
            throw new GoImportException($"{source.Path} is both the Go hub's database and this hub's (LUMEN_HUB_DB_PATH); point LUMEN_HUB_DB_PATH at this hub's own file");
        database.Initialise();

        var tally = new GoImportTally();
        using (var connection = database.Open())
        {
            HostImport.CheckMayImport(connection, contents, options);
            UserImport.Run(connection, contents, options, tally);
            SettingImport.Run(database, contents, options, tally);
            BackupSettingImport.Run(database, contents, options, tally);
            AlertImport.Run(connection, contents, options, tally);
            MaintenanceImport.Run(connection, contents, options, tally);
            // Hosts last: a running hub notices new hosts (their table's counter) and then reloads
            // its alert policy, which so finds the rules, windows and tags already committed.
            var hosts = HostImport.Run(connection, contents, options, tally);
            var rowsPerSecond = SnapshotImport.Run(source, database, hosts, options, tally);
            foreach (var (table, rows) in contents.NotImported.Where(t => t.Value > 0))
            {
                tally.Count(table, 0, 0, rows);
                tally.Note($"{table}: {rows:N0} row(s) not imported: {WhyNot(table)}");
            }
            return tally.Report(source, database.Path, Stopwatch.GetElapsedTime(started), rowsPerSecond);
        }
    }

    /// <summary>A Go hub's backup being restored: everything imported into a new database (<see cref="Backups.Restore.GoBackupRestore"/>).</summary>
    public static void ImportForRestore(string goDatabasePath, string hubDatabasePath) => Import(goDatabasePath, hubDatabasePath, new GoImportOptions());

    private static string WhyNot(string table) => table switch
    {
        "alert_events" or "notification_deliveries" => "past alerts and deliveries are not imported; rules fire anew here",
        "web_push_subscriptions" => "browsers subscribe again to this hub's VAPID key",
        _ => "this hub has no such feature yet",
    };
}
