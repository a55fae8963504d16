using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Lumen.Agent.Buffer;

/// <summary>
/// Care of the buffer's SQLite file as a file, before Akka.Persistence opens it. A damaged file
/// must be caught here: the Sql journal checks its tables once when it starts, and if that
/// fails it stops for the life of the actor system, so no later recovery could succeed.
/// </summary>
public static class BufferFile
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private static readonly string[] Companions = ["-journal", "-wal", "-shm"];

    /// <summary>What <see cref="Inspect"/> found.</summary>
    public abstract record Inspection;

    /// <summary>No file: nothing was ever buffered (or it was removed).</summary>
    public sealed record Missing : Inspection;

    public sealed record Healthy : Inspection;

    /// <summary>SQLite calls the file corrupt; it was moved to <paramref name="MovedTo"/>.</summary>
    public sealed record Damaged(string Reason, string MovedTo, IReadOnlyList<StoredFrame> Salvaged) : Inspection;

    /// <summary>The file could not be checked (permissions, I/O); it is left where it is.</summary>
    public sealed record Unchecked(string Reason) : Inspection;

    /// <summary>
    /// Checks the file with <c>PRAGMA quick_check</c>. A damaged one is read for whatever
    /// frames it still gives, then moved aside with its companions.
    /// </summary>
    public static Inspection Inspect(string path, DateTimeOffset now, BufferCaps caps) =>
        File.Exists(path) ? InspectFile(path, now, caps) : new Missing();

    /// <summary>Apart, and never inlined, so that an agent without a buffer file never loads SQLite.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Inspection InspectFile(string path, DateTimeOffset now, BufferCaps caps)
    {
        string? problem;
        try
        {
            problem = QuickCheck(path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            problem = e.Message;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            return new Unchecked(e.Message);
        }
        if (problem is null) return new Healthy();

        var salvaged = JournalSalvage.Read(path, caps);
        try
        {
            return new Damaged(problem, MoveAside(path, now), salvaged);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Unchecked($"{problem}, and it could not be moved aside: {e.Message}");
        }
    }

    /// <summary>Null when SQLite finds nothing wrong, else its first complaint.</summary>
    private static string? QuickCheck(string path)
    {
        // Read-write, not read-only: after a kill mid-write SQLite must roll back the hot
        // journal on open, and a read-only connection would report that as an error.
        using var connection = Open(path, SqliteOpenMode.ReadWrite);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var first = command.ExecuteScalar() as string;
        return first == "ok" ? null : first ?? "quick_check returned nothing";
    }

    internal static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Renames the file and its SQLite companions aside.</summary>
    public static string MoveAside(string path, DateTimeOffset now)
    {
        var target = AsideName(path, now);
        File.Move(path, target);
        foreach (var suffix in Companions)
        {
            if (File.Exists(path + suffix)) File.Move(path + suffix, target + suffix);
        }
        return target;
    }

    /// <summary>Copies the file aside, for when the journal still has it open; says where, or why not.</summary>
    public static string TryCopyAside(string path, DateTimeOffset now)
    {
        try
        {
            var target = AsideName(path, now);
            File.Copy(path, target);
            return target;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"nowhere ({e.Message})";
        }
    }

    /// <summary><c>&lt;path&gt;.corrupt-&lt;UTC time&gt;</c>, with a counter if that name is taken.</summary>
    private static string AsideName(string path, DateTimeOffset now)
    {
        var stem = $"{path}.corrupt-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        var name = stem;
        for (var n = 2; File.Exists(name); n++) name = $"{stem}-{n}";
        return name;
    }
}
