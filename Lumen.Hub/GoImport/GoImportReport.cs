using System.Globalization;
using System.Text;

namespace Lumen.Hub.GoImport;

/// <summary>One Go table's fate: rows added here, rows found here already (a second run), rows left out (each with a note saying why).</summary>
public sealed record TableCounts(string Table, long Imported, long AlreadyHere, long Skipped);

/// <summary>What an import did, table by table, with a line for everything left out and why.</summary>
public sealed record GoImportReport(string SourcePath, int GooseVersion, string TargetPath, IReadOnlyList<TableCounts> Tables,
    IReadOnlyList<string> Notes, TimeSpan Elapsed, double SnapshotRowsPerSecond)
{
    public long Imported(string table) => Tables.FirstOrDefault(t => t.Table == table)?.Imported ?? 0;

    public long AlreadyHere(string table) => Tables.FirstOrDefault(t => t.Table == table)?.AlreadyHere ?? 0;

    public long Skipped(string table) => Tables.FirstOrDefault(t => t.Table == table)?.Skipped ?? 0;

    /// <summary>True when the run added nothing at all: everything was here already (or left out).</summary>
    public bool AddedNothing => Tables.All(t => t.Imported == 0);

    public string Format()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Imported {SourcePath} (Go hub, goose version {GooseVersion}) into {TargetPath} in {Elapsed.TotalSeconds:F1} s.");
        text.AppendLine();
        text.AppendLine(c, $"  {"TABLE",-26} {"IMPORTED",10} {"ALREADY HERE",13} {"SKIPPED",9}");
        foreach (var table in Tables)
            text.AppendLine(c, $"  {table.Table,-26} {table.Imported,10:N0} {table.AlreadyHere,13:N0} {table.Skipped,9:N0}");
        if (SnapshotRowsPerSecond > 0) text.AppendLine().AppendLine(c, $"Snapshots written at {SnapshotRowsPerSecond:N0} rows/s.");
        if (AddedNothing) text.AppendLine().AppendLine("Nothing new: everything imported is here already.");
        if (Notes.Count > 0)
        {
            text.AppendLine().AppendLine("Left out or changed:");
            foreach (var note in Notes) text.AppendLine(c, $"  - {note}");
        }
        return text.ToString();
    }
}

/// <summary>The counts and notes an import gathers as it goes.</summary>
public sealed class GoImportTally
{
    private readonly List<TableCounts> _tables = [];
    private readonly List<string> _notes = [];

    public void Count(string table, long imported, long alreadyHere, long skipped)
    {
        var index = _tables.FindIndex(t => t.Table == table);
        if (index < 0) _tables.Add(new TableCounts(table, imported, alreadyHere, skipped));
        else _tables[index] = new TableCounts(table, _tables[index].Imported + imported, _tables[index].AlreadyHere + alreadyHere, _tables[index].Skipped + skipped);
    }

    public void Note(string note) => _notes.Add(note);

    public GoImportReport Report(GoSource source, string target, TimeSpan elapsed, double snapshotRowsPerSecond) =>
        new(source.Path, source.Schema.Version, target, [.. _tables], [.. _notes], elapsed, snapshotRowsPerSecond);
}
