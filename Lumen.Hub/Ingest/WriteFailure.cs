using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Ingest;

/// <summary>
/// Says in words why a batch could not be written, for the log line an operator reads when
/// the disk fills up or the file is locked: SQLite's own messages ("database or disk is
/// full", "disk I/O error") do not say what to do.
/// </summary>
public static class WriteFailure
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static string Cause(Exception e) => e switch
    {
        // Extended result codes carry the primary code in their low byte.
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) switch
        {
            Full => "the disk is full",
            Busy or Locked => "another process holds the database locked",
            ReadOnly => "the database file is read-only",
            IoError => "the disk refused the write (read-only, failing or gone)",
            CantOpen => "the database file cannot be opened",
            Corrupt or NotADatabase => "the database file is damaged",
            _ => sqlite.Message,
        },
        IOException io => io.Message,
        _ => e.Message,
    };
}
