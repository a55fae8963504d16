using Lumen.Hub.Hosts;
using Lumen.Hub.Hosts.Matching;
using Lumen.Protocol;

namespace Lumen.Hub.Maintenance;

/// <summary>
/// Checks a <see cref="MaintenanceRequest"/> whole and turns it into a window (id 0 until
/// stored), or says what is wrong with it, naming the field. Times are kept to the
/// millisecond, as the table stores them.
/// </summary>
public static class MaintenanceDraft
{
    public const int MaxReasonLength = 256;

    public static (MaintenanceWindow? Window, string? Error) Check(MaintenanceRequest request, DateTimeOffset createdAt)
    {
        if (Time("start_at", request.StartAt, out var start) is { } startError) return (null, startError);
        if (Time("end_at", request.EndAt, out var end) is { } endError) return (null, endError);
        if (end <= start) return (null, $"end_at ({Rfc3339TimestampConverter.Format(end)}) must be after start_at ({Rfc3339TimestampConverter.Format(start)})");
        if (!MaintenanceText.TryRecurrence(request.Recurrence, out var recurrence))
            return (null, $"recurrence must be 'none' or 'weekly'; got '{Shorten(request.Recurrence!)}'");
        if (recurrence == Recurrence.Weekly && end - start >= MaintenanceWindow.Week)
            return (null, "end_at must be less than 7 days after start_at for a weekly window");

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length > MaxReasonLength) return (null, $"reason is longer than {MaxReasonLength} characters");
        var (host, hostError) = HostPattern.Parse(request.Host);
        if (hostError is not null) return (null, $"host: {hostError}");
        var scope = request.ScopeTags ?? [];
        if (HostTags.Validate(scope) is { } scopeError) return (null, $"scope_tags: {scopeError}");

        return (new MaintenanceWindow(0, reason, start, end, recurrence, host!,
            scope.ToDictionary(tag => tag.Key, tag => tag.Value!, StringComparer.Ordinal), createdAt), null);
    }

    private static string? Time(string field, string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return $"{field} is required: an RFC 3339 time such as 2026-01-02T15:04:05Z";
        if (!Rfc3339TimestampConverter.TryParse(text.Trim(), out var parsed))
            return $"{field} '{Shorten(text)}' is not an RFC 3339 time such as 2026-01-02T15:04:05Z";
        value = DateTimeOffset.FromUnixTimeMilliseconds(parsed.ToUnixTimeMilliseconds());
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
