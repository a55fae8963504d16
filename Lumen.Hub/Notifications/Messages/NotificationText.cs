using System.Globalization;
using System.Text;
using Lumen.Hub.Alerts.Engine;

namespace Lumen.Hub.Notifications.Messages;

/// <summary>
/// The words every channel sends, short enough for a phone's lock screen: a title such as
/// <c>[critical] web-1: CPU 93 % &gt; 80 % for 1 min</c> and a few lines of body (the rule, the
/// value against the threshold, since when, how long it lasted, the host's page).
/// </summary>
public static class NotificationText
{
    /// <summary>How many notifications a grouped message lists before "and N more".</summary>
    public const int GroupLines = 20;

    public static string Title(Notification n) => $"[{(n.IsResolved ? "resolved" : n.Severity)}] {Who(n)}: {n.Message}";

    public static string Title(IReadOnlyList<Notification> group)
    {
        if (group.Count == 1) return Title(group[0]);
        var hosts = group.Select(n => n.HostId).Distinct().Count();
        var resolved = group.Count(n => n.IsResolved);
        var worst = group.Where(n => !n.IsResolved).Select(n => n.Severity).OrderByDescending(Rank).FirstOrDefault() ?? "resolved";
        var what = resolved == group.Count ? $"{group.Count} alerts resolved" : resolved == 0 ? $"{group.Count} alerts" : $"{group.Count - resolved} alerts, {resolved} resolved";
        return $"[{worst}] {what} on {hosts} host{(hosts == 1 ? "" : "s")}";
    }

    /// <summary>Plain text lines, without the title; <paramref name="withUrl"/> false where the channel links the title instead.</summary>
    public static string Body(Notification n, bool withUrl = true)
    {
        var text = new StringBuilder();
        text.Append(n.Message).Append('\n');
        text.Append("Rule: ").Append(n.RuleName).Append(" (").Append(n.Severity).Append(")\n");
        if (n.ValueText.Length > 0 && !n.IsResolved)
            text.Append("Value: ").Append(n.ValueText).Append(n.ThresholdText.Length > 0 ? $" (threshold {n.ThresholdText})" : "").Append('\n');
        if (n.IsResolved && n.ResolvedAt is { } end)
            text.Append("Fired ").Append(When(n.StartedAt)).Append(", resolved ").Append(When(end))
                .Append(" (lasted ").Append(AlertText.Duration(end - n.StartedAt)).Append(")\n");
        else
            text.Append("Since ").Append(When(n.StartedAt)).Append('\n');
        if (withUrl && n.Url is not null) text.Append(n.Url).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A grouped message's body: one title per notification, the first <see cref="GroupLines"/> of them.</summary>
    public static string Body(IReadOnlyList<Notification> group, bool withUrl = true)
    {
        if (group.Count == 1) return Body(group[0], withUrl);
        var lines = group.Take(GroupLines).Select(Title).ToList();
        if (group.Count > GroupLines) lines.Add($"… and {group.Count - GroupLines} more");
        return string.Join('\n', lines);
    }

    /// <summary>The host, and the container for a container alert.</summary>
    public static string Who(Notification n) => n.Subject.Length > 0 ? $"{n.Host}/{n.Subject}" : n.Host;

    /// <summary>A time as people read it in a notification: UTC, to the minute.</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static int Rank(string severity) => severity switch
    {
        "critical" => 2,
        "warning" => 1,
        _ => 0,
    };
}
