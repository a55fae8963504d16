using Microsoft.Data.Sqlite;
using static Lumen.Agent.Buffer.FrameBufferEvents;

namespace Lumen.Agent.Buffer;

/// <summary>
/// Reads what it can of a damaged buffer file, straight from the Sql journal's table (default
/// mapping: <c>journal</c>), on a scratch copy so the damaged file stays as it was found. Rows
/// are read in insertion order until the first one SQLite cannot give; every readable event is
/// applied as recovery would, so frames confirmed or dropped in the readable part stay gone.
/// Confirms lost in the damaged part make frames come back; the hub takes a frame twice
/// without harm (rows are unique on host and ts).
/// </summary>
public static class JournalSalvage
{
    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();
    private const int HeaderPageCountOffset = 28;

    public static IReadOnlyList<StoredFrame> Read(string path, BufferCaps caps)
    {
        var scratch = Path.GetTempFileName();
        try
        {
            File.Copy(path, scratch, overwrite: true);
            ForgetRecordedSize(scratch);
            return ReadRows(scratch, caps);
        }
        catch (IOException)
        {
            return [];
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    /// <summary>
    /// A truncated file still claims its old page count in the header, and SQLite then refuses
    /// it whole. With the count zeroed, SQLite sizes the database from the file and reads every
    /// page that is still there.
    /// </summary>
    private static void ForgetRecordedSize(string scratch)
    {
        using var file = File.Open(scratch, FileMode.Open, FileAccess.ReadWrite);
        Span<byte> magic = stackalloc byte[SqliteMagic.Length];
        if (file.Read(magic) < magic.Length || !magic.SequenceEqual(SqliteMagic)) return;
        file.Position = HeaderPageCountOffset;
        file.Write([0, 0, 0, 0]);
    }

    private static IReadOnlyList<StoredFrame> ReadRows(string path, BufferCaps caps)
    {
        var state = new FrameBufferState(caps);
        try
        {
            using var connection = BufferFile.Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            // NOT INDEXED: a walk of the table in rowid order yields rows one by one up to the
            // first bad page; an index lookup plus sort fails before yielding any.
            command.CommandText = """
                SELECT sequence_number, identifier, manifest, message FROM journal NOT INDEXED
                WHERE persistence_id = $id AND deleted = 0 ORDER BY ordering
                """;
            command.Parameters.AddWithValue("$id", FrameBufferActor.BufferPersistenceId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (reader.IsDBNull(1) || reader.GetInt32(1) != BufferEventSerializer.SerializerId) continue;
                var manifest = reader.IsDBNull(2) ? "" : reader.GetString(2);
                Apply(state, reader.GetInt64(0), BufferEventSerializer.Decode((byte[])reader[3], manifest));
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidCastException or IOException)
        {
            // The first unreadable page ends the salvage; what was read so far is kept.
        }
        return state.Oldest(int.MaxValue);
    }

    private static void Apply(FrameBufferState state, long sequenceNr, IFrameBufferEvent e)
    {
        switch (e)
        {
            case FrameBuffered buffered:
                state.Add(new StoredFrame(sequenceNr, buffered.Ts, buffered.Json));
                break;
            case FramesConfirmed confirmed:
                state.Remove(confirmed.Ids);
                break;
            case FramesDropped dropped:
                state.Remove(dropped.Ids);
                break;
        }
    }
}
