using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Deliveries;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Notifications;

/// <summary>
/// One channel's sender over a real database and a real receiver: a storm goes out grouped,
/// a disabled channel drops what waits, and rows left in flight by a crash go again.
/// </summary>
public sealed class ChannelSenderActorSpecs : TestKit, IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly ServiceProvider _http = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    private DeliveryStore Store => new(_db.Database, TimeProvider.System);

    private NotificationChannel Channel(string url) =>
        new ChannelStore(_db.Database, TimeProvider.System).Create(new NotificationChannel(
            0, "Ops", ChannelTypes.Webhook, new() { ["url"] = url }, true, AlertSeverity.Info, default, default));

    /// <summary>Pending rows as routing writes them, one event each, for hosts host-1, host-2, …</summary>
    private void Pending(long channel, int count, string status = "pending")
    {
        for (var i = 1; i <= count; i++)
        {
            var payload = JsonSerializer.Serialize(new Notification
            {
                EventId = i, Host = $"host-{i}", RuleName = "Host offline", Metric = "offline", Severity = "critical", State = "firing",
                Message = "no frame for 1 min", Time = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
            }, NotificationJson.Default.Notification);
            _db.Execute($"""
                INSERT INTO notification_deliveries (event_id, channel_id, channel_name, channel_type, severity, kind, status, payload, created_at)
                VALUES ({i}, {channel}, 'Ops', 'webhook', 'critical', 'firing', '{status}', '{payload.Replace("'", "''")}', {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()});
                """);
        }
    }

    private IActorRef Start(NotificationChannel channel, int stormLimit) =>
        Sys.ActorOf(ChannelSenderActor.Props(channel, new WebhookSender(_http.GetRequiredService<IHttpClientFactory>()), Store,
            NotifiedHub.FastRetries, stormLimit));

    [Fact]
    public async Task Storm_should_go_out_as_one_grouped_message_with_every_row_logged_under_it()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var channel = Channel($"{receiver.Address}/hook");
        Pending(channel.Id, 30);

        Start(channel, stormLimit: 5);

        await Eventually.TrueAsync(() => _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'sent'") == 30, "30 rows sent");
        var request = Assert.Single(receiver.Received);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(30, body.GetProperty("count").GetInt32());
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"host-{i}"),
            body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("host").GetString()));
        var first = _db.Scalar("SELECT min(id) FROM notification_deliveries");
        Assert.Equal(30, _db.Scalar($"SELECT count(*) FROM notification_deliveries WHERE group_id = {first}"));
        Assert.Equal($"group-{first}-30", request.Header("Lumen-Delivery-Id"));
    }

    [Fact]
    public async Task Channel_without_storm_control_should_send_each_row_alone_in_order()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var channel = Channel($"{receiver.Address}/hook");
        Pending(channel.Id, 8);

        Start(channel, stormLimit: 0);

        await Eventually.TrueAsync(() => receiver.Received.Count == 8, "8 requests");
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"host-{i}"),
            receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("host").GetString()));
    }

    [Fact]
    public async Task Disabled_channel_should_drop_what_waits_and_say_why()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var channel = Channel($"{receiver.Address}/hook") with { Enabled = false };
        Pending(channel.Id, 3);

        var sender = Start(channel, stormLimit: 5);
        sender.Tell(new ChannelSenderActor.ChannelChanged(channel));

        await Eventually.TrueAsync(() => _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'dropped' AND error = 'channel disabled'") == 3,
            "3 rows dropped");
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Rows_left_in_flight_by_a_crash_should_go_again()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        var channel = Channel($"{receiver.Address}/hook");
        Pending(channel.Id, 2, status: "inflight");

        Start(channel, stormLimit: 0);

        await Eventually.TrueAsync(() => _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'sent'") == 2, "2 rows sent");
        Assert.Equal(2, receiver.Received.Count);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _db.Dispose();
    }
}
