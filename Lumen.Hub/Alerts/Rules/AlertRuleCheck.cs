using Lumen.Hub.Hosts.Matching;

namespace Lumen.Hub.Alerts.Rules;

/// <summary>
/// Turns a rule body into a rule, checking all of it before anything is written; the first
/// problem is named by its field. Where the Go hub answers 500 (a name too long, a selector
/// that does not parse), this answers 400; where it accepts any channel id, this accepts
/// only ids that exist.
/// </summary>
public static class AlertRuleCheck
{
    public const int MaxNameLength = 128;
    public static readonly TimeSpan LongestFor = TimeSpan.FromHours(24);
    public static readonly TimeSpan LongestCooldown = TimeSpan.FromDays(7);

    /// <param name="existingChannels">which of the given channel ids exist.</param>
    public static (AlertRule? Rule, string? Error) Check(AlertRuleBody body, long id, DateTimeOffset createdAt, DateTimeOffset now,
        IReadOnlyList<long> channelIds, Func<IReadOnlyList<long>, IReadOnlySet<long>> existingChannels)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength) return Fail($"name must be 1 to {MaxNameLength} characters");
        if (AlertMetric.Find(body.Metric) is not { } metric)
            return Fail($"metric '{body.Metric}' is not one of {string.Join(", ", AlertMetric.All.Select(m => m.Name))}");

        Comparator comparator;
        switch (body.Comparator)
        {
            case null or "" or "gt": comparator = Comparator.Gt; break;
            case "lt": comparator = Comparator.Lt; break;
            default: return Fail($"comparator '{body.Comparator}' must be gt or lt");
        }
        var threshold = body.Threshold ?? 0;
        if (!double.IsFinite(threshold)) return Fail("threshold must be a finite number");
        switch (metric.Kind)
        {
            // As the Go hub: an offline rule has no comparison of its own.
            case AlertKind.Offline or AlertKind.ContainerDown or AlertKind.HostRebooted:
                (comparator, threshold) = (Comparator.Gt, 0);
                break;
            case AlertKind.DiskFullHours:
                if (threshold <= 0) return Fail("threshold must be the number of hours (> 0) below which a disk filling up fires");
                comparator = Comparator.Lt;
                break;
            default:
                if (body.Threshold is null) return Fail($"threshold is required for {metric.Name}");
                if (metric.Scalar is { } scalar && (threshold < scalar.Min || threshold > scalar.Max))
                    return Fail($"threshold {threshold} is outside what {metric.Name} can be ({scalar.Min} to {scalar.Max})");
                break;
        }

        if (body.ForSeconds is < 0 || body.ForSeconds > LongestFor.TotalSeconds) return Fail($"for_seconds must be between 0 and {LongestFor.TotalSeconds:F0}");
        if (body.CooldownSeconds is < 0 || body.CooldownSeconds > LongestCooldown.TotalSeconds) return Fail($"cooldown_seconds must be between 0 and {LongestCooldown.TotalSeconds:F0}");
        var (host, hostError) = HostPattern.Parse(body.Host);
        if (hostError is not null) return Fail($"host: {hostError}");
        var (selector, selectorError) = TagSelector.Parse(body.HostSelector);
        if (selectorError is not null) return Fail($"host_selector: {selectorError}");

        var container = body.Container?.Trim() ?? "";
        if (container.Length > 0 && metric.Kind != AlertKind.ContainerDown) return Fail("container applies to container_down rules only");
        if (container.Length > 128) return Fail("container is longer than 128 characters");
        if (Glob.Check(container) is { } globError) return Fail($"container pattern '{container}' {globError}");

        var severity = string.IsNullOrEmpty(body.Severity) ? AlertSeverity.Warning : AlertSeverities.Parse(body.Severity);
        if (severity is null) return Fail($"severity '{body.Severity}' must be info, warning or critical");

        var wanted = channelIds.Where(c => c > 0).Distinct().ToList();
        var existing = wanted.Count == 0 ? new HashSet<long>() : existingChannels(wanted);
        if (wanted.FirstOrDefault(c => !existing.Contains(c)) is var missing and > 0) return Fail($"channel_ids: no channel with id {missing}");

        return (new AlertRule(id, name, metric, comparator, threshold, TimeSpan.FromSeconds(body.ForSeconds ?? 0),
            TimeSpan.FromSeconds(body.CooldownSeconds ?? 0), host!, selector!, container, severity.Value, body.Enabled ?? true,
            wanted, createdAt, now), null);
    }

    private static (AlertRule?, string?) Fail(string error) => (null, error);
}
