using Lumen.Hub.Backups.Targets;

namespace Lumen.Hub.Backups.Schedule;

/// <summary>
/// Which backups go after a new one is stored: all but the newest <c>retain_last</c>, and any
/// older than <c>max_age_days</c> (0 switches either rule off). The newest backup is always kept,
/// so a wrong clock or a small age never leaves the target empty.
/// </summary>
public static class BackupRetention
{
    public static IReadOnlyList<BackupEntry> Expired(IReadOnlyList<BackupEntry> entries, int retainLast, int maxAgeDays, DateTimeOffset now)
    {
        var newestFirst = entries.OrderByDescending(entry => entry.CreatedAt).ToList();
        var oldestKept = now - TimeSpan.FromDays(maxAgeDays);
        return newestFirst
            .Where((entry, index) => index > 0 && ((retainLast > 0 && index >= retainLast) || (maxAgeDays > 0 && entry.CreatedAt < oldestKept)))
            .ToList();
    }
}
