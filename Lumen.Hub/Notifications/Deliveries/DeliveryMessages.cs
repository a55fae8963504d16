namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>Published when a delivery was put back in the queue by hand: its channel looks at once.</summary>
public sealed record DeliveryRequeued(long ChannelId);

/// <summary>
/// How notifications go out: <see cref="StormLimit"/> messages a minute per channel before the
/// rest are grouped (0 turns grouping off; a generic webhook never groups, a program reads it),
/// and when failed deliveries are retried.
/// </summary>
public sealed record NotificationOptions(int StormLimit, RetrySchedule Retry)
{
    public static readonly NotificationOptions Default = new(5, RetrySchedule.Default);
}
