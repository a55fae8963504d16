using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>The RFC 8030 headers that tell a push service how to treat a message: TTL, Urgency and Topic.</summary>
public static class PushOptions
{
    /// <summary>
    /// How long the push service keeps a message for a browser that is not reachable (a phone
    /// switched off, in a tunnel, asleep on a plane). The Go hub's 30 s lost every alert that
    /// fired while the phone was away; a day brings it when the phone is back, and after that
    /// the dashboard's history says more than a day-old alert. Resolved messages keep the
    /// same time on purpose: with the shared <see cref="Topic"/> a resolution replaces the
    /// firing message still queued, and must not expire before it and leave the alarm alone.
    /// </summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromDays(1);

    public static string Ttl => ((int)TimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>high</c> wakes a phone in power saving at once: for an alert that fires at warning or
    /// critical. An info alert and news that something ended can wait for the phone's next
    /// wake-up (<c>normal</c>).
    /// </summary>
    public static string Urgency(OutgoingMessage message) =>
        message.Notifications.Any(n => !n.IsResolved && n.Severity is "critical" or "warning") ? "high" : "normal";

    /// <summary>
    /// The push service keeps only the newest queued message per topic: the resolution of an
    /// event replaces its firing when the phone has not taken it yet, and a retry replaces
    /// its own earlier copy. At most 32 characters of the base64url alphabet (RFC 8030 §5.4).
    /// </summary>
    public static string Topic(OutgoingMessage message)
    {
        if (message.IsTest) return "lumen-test";
        if (!message.IsGroup) return $"lumen-event-{message.First.EventId.ToString(CultureInfo.InvariantCulture)}";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(message.DeliveryId));
        return "lumen-group-" + P256Keys.Encode(digest)[..20];
    }
}
