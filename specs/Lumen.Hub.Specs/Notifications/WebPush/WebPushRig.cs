using System.Text.Json.Nodes;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Notifications.WebPush;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>
/// The web_push sender with what it runs on in the hub (a migrated SQLite file, the key file
/// in its folder, the shared HTTP client), a web_push channel, and a push service on 127.0.0.1.
/// </summary>
public sealed class WebPushRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WebPushRig(PushServiceReceiver pushService)
    {
        PushService = pushService;
        Keys = VapidKeyStore.Open(Database.Folder, TimeProvider.System);
        Subscriptions = new WebPushSubscriptionStore(Database.Database, TimeProvider.System);
        _services = new ServiceCollection().AddNotificationSenders().BuildServiceProvider();
        Sender = new WebPushSender(_services.GetRequiredService<IHttpClientFactory>(), Subscriptions, Keys, TimeProvider.System);
        Database.Execute("INSERT INTO notification_channels (id, name, type, created_at, updated_at) VALUES (7, 'phones', 'web_push', 1, 1)");
        Channel = new NotificationChannel(7, "phones", ChannelTypes.WebPush, new JsonObject(), true, AlertSeverity.Info, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }

    public static async Task<WebPushRig> StartAsync() => new(await PushServiceReceiver.StartAsync());

    public TempDatabase Database { get; } = new();
    public PushServiceReceiver PushService { get; }
    public VapidKeyStore Keys { get; }
    public WebPushSubscriptionStore Subscriptions { get; }
    public WebPushSender Sender { get; }
    public NotificationChannel Channel { get; }

    /// <summary>A browser subscribed to the channel, its endpoint <c>/push/{id}</c> on the push service.</summary>
    public PushBrowser Subscribe(string id, string label = "")
    {
        var browser = new PushBrowser();
        Subscriptions.Upsert(Channel.Id, PushService.Endpoint(id), browser.P256dh, browser.Auth, label);
        return browser;
    }

    public Task<SendResult> SendAsync(params Notification[] notifications) =>
        Sender.SendAsync(Channel, new OutgoingMessage($"delivery-{notifications[0].EventId}", notifications), CancellationToken.None);

    public static Notification Firing(long eventId = 41, string severity = "critical", long hostId = 3, string host = "web-1") => new()
    {
        RuleId = 5,
        RuleName = "CPU hot",
        Host = host,
        HostId = hostId,
        Metric = "cpu_pct",
        Severity = severity,
        State = "firing",
        Value = 93.2,
        Threshold = 80,
        Message = "CPU 93 % > 80 % for 1 min",
        ValueText = "93.2 %",
        ThresholdText = "80 %",
        EventId = eventId,
        StartedAt = DateTimeOffset.UnixEpoch.AddDays(20000),
        Time = DateTimeOffset.UnixEpoch.AddDays(20000),
    };

    public static Notification Resolved(long eventId = 41) => Firing(eventId) with
    {
        State = "resolved",
        Message = "CPU back to 41 % (below 80 %) after 12 min",
        ResolvedAt = DateTimeOffset.UnixEpoch.AddDays(20000).AddMinutes(12),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await PushService.DisposeAsync();
        Database.Dispose();
    }
}
