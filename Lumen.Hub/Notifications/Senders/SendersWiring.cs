namespace Lumen.Hub.Notifications.Senders;

public static class SendersWiring
{
    /// <summary>How long one send may take before it counts as failed (and is retried).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The HTTP client the channels share, and every type's sender.</summary>
    public static IServiceCollection AddNotificationSenders(this IServiceCollection services)
    {
        services.AddHttpClient(HttpSend.ClientName, client => client.Timeout = SendTimeout);
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<NotificationSenders>();
        return services;
    }
}
