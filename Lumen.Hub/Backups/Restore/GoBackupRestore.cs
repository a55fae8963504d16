namespace Lumen.Hub.Backups.Restore;

/// <summary>
/// SEAM(import-go): a backup whose database is the Go hub's schema (<c>goose_db_version</c>)
/// cannot be put in place as it is: it must be imported into a fresh database of this hub's
/// schema. This is the one place that happens; until Lumen.Hub/GoImport/GoDatabaseImporter is
/// connected here (Go file path + a new database path beside the live one + options → report,
/// then the new database replaces <paramref name="staged"/>), it refuses with a clear error.
/// Both the CLI and the API restore go through it.
/// </summary>
public static class GoBackupRestore
{
    public static StagedRestore ToLumenSchema(StagedRestore staged, string databasePath)
    {
        staged.Dispose();
        throw new RestoreException(
            "this backup holds a Go hub's database; restoring one through the Go importer is not connected in this build yet. " +
            "Nothing was changed. Restore it with the Go hub, then run lumen-hub import-go on its database file");
    }
}
