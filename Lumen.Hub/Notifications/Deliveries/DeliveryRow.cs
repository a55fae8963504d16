using Lumen.Hub.Notifications.Messages;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>A delivery a channel's sender is about to send: what the row says, and the notification as it was stored.</summary>
public sealed record DeliveryRow(long Id, long EventId, long ChannelId, string Severity, string Kind, int Attempts, Notification Payload);

/// <summary>The statuses of <c>notification_deliveries</c>, the Go hub's five.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Inflight = "inflight";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Dropped = "dropped";

    public static IReadOnlyList<string> All { get; } = [Pending, Inflight, Sent, Failed, Dropped];
}
