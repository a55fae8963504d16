using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Lumen.Hub.Maintenance;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.GoImport;

/// <summary>
/// Maintenance windows, in one transaction: times (form C) to unix ms, the reason, the scope
/// tags; one-off (the Go hub has no recurrence) and for every host the scope selects (no host
/// pattern there). <c>created_by</c> is always NULL in v0.7.7 and has no column here. A window
/// is the same one when its start, end, reason and scope are.
/// </summary>
internal static class MaintenanceImport
{
    public static void Run(SqliteConnection connection, GoContents go, GoImportOptions options, GoImportTally tally)
    {
        var now = options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var target = new TargetTransaction(connection);
        long imported = 0, already = 0, skipped = 0;
        foreach (var window in go.MaintenanceWindows)
        {
            var (checkedWindow, problem) = Check(window);
            if (checkedWindow is null)
            {
                skipped++;
                tally.Note($"maintenance_windows: window {window.Id} ('{window.Reason}') left out: {problem}");
                continue;
            }
            (string, object?)[] fields =
            [
                ("$reason", checkedWindow.Reason), ("$start", checkedWindow.StartAt.ToUnixTimeMilliseconds()),
                ("$end", checkedWindow.EndAt.ToUnixTimeMilliseconds()), ("$scope", HostTags.ToJson(checkedWindow.ScopeTags)),
            ];
            if (target.Scalar("SELECT 1 FROM maintenance_windows WHERE reason = $reason AND start_at = $start AND end_at = $end AND scope_tags = $scope AND recurrence = 'none' AND host = '';", fields) is not null)
            {
                already++;
                continue;
            }
            target.Execute("""
                INSERT INTO maintenance_windows (reason, start_at, end_at, recurrence, host, scope_tags, created_at)
                VALUES ($reason, $start, $end, 'none', '', $scope, $created);
                """, [.. fields, ("$created", window.CreatedAtMs > 0 ? window.CreatedAtMs : now)]);
            imported++;
        }
        tally.Count("maintenance_windows", imported, already, skipped);
        target.Commit();
    }

    /// <summary>The window as this hub's <see cref="MaintenanceDraft"/> would accept it, or why not.</summary>
    private static (MaintenanceWindow? Window, string? Problem) Check(GoMaintenanceWindow window)
    {
        if (!GoTimestamp.TryParse(window.StartAt, out var start)) return (null, $"start_at '{window.StartAt}' is not a time");
        if (!GoTimestamp.TryParse(window.EndAt, out var end)) return (null, $"end_at '{window.EndAt}' is not a time");
        Dictionary<string, string?>? scope;
        try
        {
            scope = JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(window.ScopeTags) ? "{}" : window.ScopeTags, GoImportJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            return (null, "scope_tags is not a JSON object of strings");
        }
        var request = new MaintenanceRequest
        {
            StartAt = Lumen.Protocol.Rfc3339TimestampConverter.Format(DateTimeOffset.FromUnixTimeMilliseconds(start)),
            EndAt = Lumen.Protocol.Rfc3339TimestampConverter.Format(DateTimeOffset.FromUnixTimeMilliseconds(end)),
            Reason = window.Reason,
            ScopeTags = scope ?? [],
        };
        var (checkedWindow, error) = MaintenanceDraft.Check(request, DateTimeOffset.UtcNow);
        return (checkedWindow, error);
    }
}
