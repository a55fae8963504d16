using System.Text.Json.Serialization;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Alerts.Rules;

namespace Lumen.Hub.Alerts;

/// <summary>
/// Source-generated JSON for the alerts API: snake_case like the wire contract, unknown fields
/// and duplicate keys refused so a typo gets an error instead of being ignored (the same
/// options on every API context of the hub).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 16)]
[JsonSerializable(typeof(AlertRuleBody))]
[JsonSerializable(typeof(AlertRuleView))]
[JsonSerializable(typeof(AlertRuleView[]))]
[JsonSerializable(typeof(AlertEventView[]))]
[JsonSerializable(typeof(AlertStreamFrame))]
[JsonSerializable(typeof(RulePreviewBody))]
[JsonSerializable(typeof(RulePreview))]
public sealed partial class AlertsJsonContext : JsonSerializerContext;

/// <summary>
/// What <c>/api/stream</c> sends when an alert fires or resolves, beside the snapshot arrays:
/// an object, so a client tells the two apart by the first character.
/// </summary>
public sealed record AlertStreamFrame(string Type, string State, AlertEventView Event, string? Message)
{
    public static byte[] Utf8(AlertEventRaised raised) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
        new AlertStreamFrame("alert", raised.Resolved ? "resolved" : "firing", raised.Event, raised.ResolveMessage ?? raised.Event.Message),
        AlertsJsonContext.Default.AlertStreamFrame);
}

/// <summary>Body of <c>POST /api/alerts/rules/preview</c>: a rule's host fields as they are being typed.</summary>
public sealed class RulePreviewBody
{
    public string? Host { get; set; }
    public string? HostSelector { get; set; }
}

/// <summary>The registered hosts those fields watch, by id and name.</summary>
public sealed record RulePreview(IReadOnlyList<RulePreview.Match> Hosts)
{
    public sealed record Match(long Id, string Name);
}
