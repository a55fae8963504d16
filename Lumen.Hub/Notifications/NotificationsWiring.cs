using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Deliveries;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications;

public static class NotificationsWiring
{
    /// <summary>The channels, the delivery log and its routing (which writes with every alert event), and the senders.</summary>
    public static IServiceCollection AddNotificationServices(this IServiceCollection services)
    {
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<IAlertEventFollower, DeliveryRouting>();
        services.AddSingleton(NotificationOptions.Default);
        services.AddNotificationSenders();
        return services;
    }

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api) => api.MapChannelsApi().MapDeliveriesApi();
}
