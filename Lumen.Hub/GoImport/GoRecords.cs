using Lumen.Protocol.Ingest;

namespace Lumen.Hub.GoImport;

/// <summary>A Go hub's host: its token as the hex SHA-256 the Go hub stores, times in unix ms, the silence in unix seconds.</summary>
public sealed record GoHost(long Id, string Name, string TokenHash, long CreatedAtMs, long? LastSeenAtMs, SystemInfo? System,
    long? MetadataUpdatedAtMs, long? SilencedUntil, bool PublicVisible);

/// <summary>A Go hub's account; every Go user is an administrator (v0.7.7 has no roles).</summary>
public sealed record GoUser(string Username, string PasswordHash, long CreatedAtMs);

public sealed record GoSetting(string Key, string Value);

public sealed record GoTag(string Key, string Description, long CreatedAtMs, long UpdatedAtMs);

public sealed record GoTagValue(string Key, string Value, long CreatedAtMs);

/// <summary>A tag a host carries, by the Go host's id.</summary>
public sealed record GoHostTag(long HostId, string Key, string Value);

public sealed record GoRule(long Id, string Name, string Metric, string Comparator, double Threshold, long ForSeconds, long CooldownSeconds,
    string? Host, string HostSelector, string Severity, bool Enabled, long CreatedAtMs);

/// <summary>A notification channel with its config as the JSON text the Go hub stored (secrets in it in clear, as there).</summary>
public sealed record GoChannel(long Id, string Name, string Type, string Config, bool Enabled, string MinSeverity, long CreatedAtMs);

public sealed record GoRuleChannel(long RuleId, long ChannelId);

/// <summary>A maintenance window with its times as stored (form C), parsed by the importer so one it cannot read is reported, not guessed.</summary>
public sealed record GoMaintenanceWindow(long Id, string StartAt, string EndAt, string Reason, string ScopeTags, long CreatedAtMs);

/// <summary>Everything but the snapshots, read in the one read transaction, and the row counts of the tables this hub has no place for.</summary>
public sealed record GoContents(
    IReadOnlyList<GoHost> Hosts,
    IReadOnlyList<GoUser> Users,
    IReadOnlyList<GoSetting> Settings,
    IReadOnlyList<GoTag> Tags,
    IReadOnlyList<GoTagValue> TagValues,
    IReadOnlyList<GoHostTag> HostTags,
    IReadOnlyList<GoRule> Rules,
    IReadOnlyList<GoChannel> Channels,
    IReadOnlyList<GoRuleChannel> RuleChannels,
    IReadOnlyList<GoMaintenanceWindow> MaintenanceWindows,
    IReadOnlyDictionary<string, long> NotImported);
