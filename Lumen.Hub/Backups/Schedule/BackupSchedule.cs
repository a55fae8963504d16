using Cronos;
using Lumen.Protocol;

namespace Lumen.Hub.Backups.Schedule;

/// <summary>
/// When scheduled backups run: five cron fields (minute hour day-of-month month day-of-week, in
/// the hub's local time zone, as the Go hub), a descriptor (<c>@daily</c>, <c>@hourly</c>, …), or
/// <c>@every</c> and a duration (<c>@every 6h</c>), counted from the previous run.
/// </summary>
public sealed class BackupSchedule
{
    /// <summary>Shorter makes no sense for a full copy of the database, and would let a typo keep the disk busy.</summary>
    public static readonly TimeSpan MinEvery = TimeSpan.FromSeconds(1);

    private static readonly string[] Descriptors = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];

    private readonly CronExpression? _cron;
    private readonly TimeSpan? _every;
    private readonly TimeZoneInfo _zone;

    private BackupSchedule(CronExpression? cron, TimeSpan? every, TimeZoneInfo zone) => (_cron, _every, _zone) = (cron, every, zone);

    public static string Allowed => "five cron fields (minute hour day month weekday, e.g. \"0 2 * * *\"), @yearly, @monthly, @weekly, @daily, @hourly, or @every and a duration of at least 1s (\"@every 6h\")";

    /// <returns>the schedule, or null and why <paramref name="text"/> is not one.</returns>
    public static (BackupSchedule? Schedule, string? Error) Parse(string text, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("@every", StringComparison.OrdinalIgnoreCase))
        {
            var duration = trimmed[6..].Trim();
            return GoDuration.TryParse(duration, out var every) && every >= MinEvery
                ? (new BackupSchedule(null, every, zone), null)
                : (null, $"cron '{text}': @every needs a duration of at least 1s, such as @every 6h");
        }
        if (trimmed.StartsWith('@') && !Descriptors.Contains(trimmed.ToLowerInvariant()))
            return (null, $"cron '{text}' is not one of {Allowed}");
        if (!trimmed.StartsWith('@') && trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            return (null, $"cron '{text}' must be {Allowed}");
        try
        {
            return (new BackupSchedule(CronExpression.Parse(trimmed, CronFormat.Standard), null, zone), null);
        }
        catch (CronFormatException e)
        {
            return (null, $"cron '{text}' is not valid ({e.Message}); it must be {Allowed}");
        }
    }

    /// <summary>The first run strictly after <paramref name="after"/>; for @every, <paramref name="after"/> is the previous run (or the schedule's start).</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) =>
        _every is { } every ? after + every : _cron!.GetNextOccurrence(after, _zone);
}
