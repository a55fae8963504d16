using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.WebPush;

public static class WebPushWiring
{
    /// <summary>
    /// The VAPID keys (read, or made on the first start, now: a damaged key file stops the
    /// start here rather than at the first alert), the subscriptions and the web_push sender.
    /// Needs <see cref="SendersWiring.AddNotificationSenders"/> for the HTTP client.
    /// </summary>
    public static IServiceCollection AddWebPush(this IServiceCollection services, string dataFolder)
    {
        services.AddSingleton(VapidKeyStore.Open(dataFolder, TimeProvider.System));
        services.AddSingleton<WebPushSubscriptionStore>();
        services.AddSingleton<INotificationSender, WebPushSender>();
        return services;
    }
}
