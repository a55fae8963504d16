using System.Collections.Concurrent;
using Lumen.Hub.History;
using Lumen.Hub.Hosts;
using Lumen.Hub.Ingest;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lumen.Hub.Specs.Ingest;

/// <summary>
/// Found by the faults suite (disk full): the log said "Writing 20 snapshot rows failed
/// (attempt 1): SQLite Error 13: 'database or disk is full'.; retrying in 00:00:00.2500000" —
/// a warning, naming neither the file nor what happens meanwhile. Now the first failure is
/// one error line that does, the retries are short warnings, and recovery is logged.
/// </summary>
public sealed class WriteFailureSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    [Theory]
    [InlineData(13, "the disk is full")]
    [InlineData(5, "another process holds the database locked")]
    [InlineData(8, "the database file is read-only")]
    [InlineData(10 | (3 << 8), "the disk refused the write (read-only, failing or gone)")] // SQLITE_IOERR_WRITE
    [InlineData(11, "the database file is damaged")]
    public void WriteFailure_should_say_in_words_why_sqlite_refused_a_write(int code, string cause) =>
        Assert.Equal(cause, WriteFailure.Cause(new SqliteException("SQLite's own message", code)));

    [Fact]
    public async Task Batch_persister_should_log_one_error_naming_the_database_and_the_cause_then_a_line_when_writing_works_again()
    {
        var log = new ListLogger<BatchPersister>();
        using var writer = new SnapshotWriter(_db.Database);
        var ledger = new DurabilityLedger();
        var persister = new BatchPersister(writer, ledger, log);
        var host = new HostStore(_db.Database, TimeProvider.System).Add("nas").Host.Id;
        _db.Execute("ALTER TABLE snapshots RENAME TO snapshots_away;");

        var persisting = persister.PersistAsync([SnapshotRow.From(host, ledger.Issue(host), Frames.AfterT0(0), Frames.T0)]);
        await Eventually.TrueAsync(() => log.Entries.Count(e => e.Level == LogLevel.Warning) >= 2, "two retries", TimeSpan.FromSeconds(10));
        _db.Execute("ALTER TABLE snapshots_away RENAME TO snapshots;");
        var outcome = await persisting;

        Assert.True(outcome.Persisted);
        var error = Assert.Single(log.Entries, e => e.Level >= LogLevel.Error);
        Assert.Contains($"Cannot write snapshots to {_db.FilePath}", error.Message);
        Assert.Contains("ingest answers 503 and agents keep their frames", error.Message);
        Assert.All(log.Entries.Where(e => e.Level == LogLevel.Warning).SkipLast(1), e => Assert.StartsWith("Still cannot write snapshots", e.Message));
        Assert.Contains($"Writing snapshots to {_db.FilePath} works again", log.Entries[^1].Message);
    }

    public void Dispose() => _db.Dispose();

    private sealed record Entry(LogLevel Level, string Message);

    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => _entries.ToList();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new Entry(logLevel, formatter(state, exception)));
    }
}
