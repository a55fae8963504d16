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
        services.AddSingleton<INotificationSender, NtfySender>();
        services.AddSingleton<INotificationSender, DiscordSender>();
        services.AddSingleton<INotificationSender, TelegramSender>();
        services.AddSingleton<INotificationSender, SlackSender>();
        services.AddSingleton<INotificationSender, GotifySender>();
        services.AddSingleton<INotificationSender, PushoverSender>();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<NotificationSenders>();
        return services;
    }
}
