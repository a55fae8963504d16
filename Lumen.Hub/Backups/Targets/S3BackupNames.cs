namespace Lumen.Hub.Backups.Targets;

/// <summary>Which object names under the prefix are backups, and which names a caller may use.</summary>
internal static class S3BackupNames
{
    /// <summary>
    /// This hub's and the Go hub's backups, <c>lumen-2026-12-04T02-00-00Z.bak</c>: a listing (and
    /// so retention) leaves everything else under the prefix alone, which the Go hub did not.
    /// </summary>
    public static bool LooksLikeBackup(string name) =>
        name.StartsWith("lumen-", StringComparison.Ordinal) && name.EndsWith(".bak", StringComparison.Ordinal) && CheckPlainName(name) is null;

    /// <returns>null for a plain file name, otherwise why it is not one.</returns>
    public static string? CheckPlainName(string name) =>
        name.Length == 0 || name.Length > 255 || name.Contains('/') || name.Contains('\\') || name is "." or ".." || name.Any(char.IsControl)
            ? $"'{name}' is not a backup file name"
            : null;
}
