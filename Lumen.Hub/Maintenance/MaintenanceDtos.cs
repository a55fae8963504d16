using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Maintenance;

/// <summary>
/// Body of <c>POST /api/maintenance</c> and <c>PUT /api/maintenance/{id}</c>: the whole window
/// (a PUT replaces every field). The Go hub's fields (<c>start_at</c>, <c>end_at</c>,
/// <c>reason</c>, <c>scope_tags</c>) plus this hub's <c>recurrence</c> and <c>host</c>.
/// </summary>
public sealed class MaintenanceRequest
{
    public string? StartAt { get; set; }
    public string? EndAt { get; set; }
    public string? Reason { get; set; }
    public string? Recurrence { get; set; }
    public string? Host { get; set; }
    public Dictionary<string, string?>? ScopeTags { get; set; }
}

/// <summary>
/// A window as the API shows it. The Go hub's server writes these with Go's default field names
/// (<c>ID</c>, <c>StartAt</c>, …, its struct has no JSON tags) while its own web UI reads
/// snake_case; this hub answers in the snake_case the UI expects.
/// </summary>
public sealed record MaintenanceWindowView(
    long Id,
    string Reason,
    [property: JsonConverter(typeof(Rfc3339TimestampConverter))] DateTimeOffset StartAt,
    [property: JsonConverter(typeof(Rfc3339TimestampConverter))] DateTimeOffset EndAt,
    string Recurrence,
    string Host,
    IReadOnlyDictionary<string, string> ScopeTags,
    [property: JsonConverter(typeof(Rfc3339TimestampConverter))] DateTimeOffset CreatedAt)
{
    public static MaintenanceWindowView From(MaintenanceWindow window) =>
        new(window.Id, window.Reason, window.StartAt, window.EndAt, MaintenanceText.Recurrence(window.Recurrence),
            window.Host.Text, window.ScopeTags, window.CreatedAt);
}

/// <summary>Answer of <c>GET /api/maintenance</c>: always an array (the Go hub sends null for none).</summary>
public sealed record MaintenanceList(IReadOnlyList<MaintenanceWindowView> Windows);

/// <summary>Answer of <c>POST /api/maintenance</c>.</summary>
public sealed record MaintenanceCreated(long Id);

/// <summary>Answer of a PUT or DELETE that worked, as the Go hub's.</summary>
public sealed record MaintenanceOk(bool Ok)
{
    public static readonly MaintenanceOk Instance = new(true);
}
