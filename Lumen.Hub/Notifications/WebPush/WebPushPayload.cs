using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// What the dashboard's service worker gets in a push and shows: the title and body every
/// channel sends, a <see cref="Tag"/> (a later message about the same event replaces the one
/// on screen), the page a tap opens (the host's, on the hub's own origin), and the event's
/// severity, state and id. <see cref="EventId"/> is null for a grouped message.
/// </summary>
public sealed record WebPushPayload(string Title, string Body, string Tag, string Url, string Severity, string State, long? EventId)
{
    /// <summary>
    /// Well within the 3993 bytes one encrypted record carries (RFC 8291 §4), so push
    /// services that count their limit differently still take it; the body is cut to fit.
    /// </summary>
    public const int MaxBytes = 3072;

    private const int MaxTitleChars = 200;

    public static WebPushPayload From(OutgoingMessage message)
    {
        var all = message.Notifications;
        var firing = all.Where(n => !n.IsResolved).ToList();
        var severity = (firing.Count > 0 ? firing : all).Select(n => n.Severity).OrderByDescending(NotificationText.Rank).First();
        var hosts = all.Select(n => n.HostId).Distinct().ToList();
        return new WebPushPayload(
            Cut(NotificationText.Title(all), MaxTitleChars),
            NotificationText.Body(all, withUrl: false),
            message.IsGroup ? $"lumen-group-{message.DeliveryId}" : $"lumen-event-{message.First.EventId.ToString(CultureInfo.InvariantCulture)}",
            hosts is [var host] && host > 0 ? $"/hosts/{host.ToString(CultureInfo.InvariantCulture)}" : "/",
            severity,
            firing.Count > 0 ? "firing" : "resolved",
            message.IsGroup ? null : message.First.EventId);
    }

    /// <summary>The JSON a push carries, at most <see cref="MaxBytes"/>: a long body loses its end, marked with "…".</summary>
    public byte[] Utf8()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, WebPushJsonContext.Default.WebPushPayload);
        var body = Body;
        while (json.Length > MaxBytes && body.Length > 0)
        {
            // Every character is at least one byte (escaped ones more), so cutting the excess in characters converges.
            body = Cut(body, Math.Max(0, body.Length - (json.Length - MaxBytes) - 1));
            json = JsonSerializer.SerializeToUtf8Bytes(this with { Body = body }, WebPushJsonContext.Default.WebPushPayload);
        }
        return json;
    }

    private static string Cut(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        if (maxChars <= 1) return "";
        var end = maxChars - 1;
        // Never split a surrogate pair: half an emoji is not valid UTF-8.
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return new StringBuilder(text, 0, end, end + 1).Append('…').ToString();
    }
}
