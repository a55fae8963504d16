using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Deliveries;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications;

/// <summary>
/// The notifications' root: one <see cref="ChannelSenderActor"/> per channel, kept equal to the
/// channels table, and woken when there is something new to send: an alert event was written
/// (its delivery rows came with it), a delivery was retried by hand, a channel changed.
/// Rows of channels that no longer exist are dropped with the reason.
/// </summary>
public sealed class NotificationsActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChannelStore _channels;
    private readonly DeliveryStore _deliveries;
    private readonly NotificationSenders _senders;
    private readonly NotificationOptions _options;
    private readonly Dictionary<long, (IActorRef Actor, string Type)> _children = [];
    private long _started;

    public ITimerScheduler Timers { get; set; } = null!;

    public NotificationsActor(ChannelStore channels, DeliveryStore deliveries, NotificationSenders senders, NotificationOptions options)
    {
        (_channels, _deliveries, _senders, _options) = (channels, deliveries, senders, options);
        Receive<AlertEventRaised>(_ => WakeAll());
        Receive<NotificationChannelsChanged>(_ => Sync());
        Receive<DeliveryRequeued>(requeued =>
        {
            if (_children.TryGetValue(requeued.ChannelId, out var child)) child.Actor.Tell(ChannelSenderActor.Wake.Instance);
        });
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(AlertEventRaised));
        Context.System.EventStream.Subscribe(Self, typeof(NotificationChannelsChanged));
        Context.System.EventStream.Subscribe(Self, typeof(DeliveryRequeued));
        Sync();
    }

    /// <summary>Starts, updates and stops children to match the table; a table it cannot read is read again a little later.</summary>
    private void Sync()
    {
        try
        {
            SyncChildren();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            _log.Warning("Cannot read the notification channels ({0}); channels keep the settings they have, trying again in 5 s. Check the disk and the database file", e.Message);
            Timers.StartSingleTimer(NotificationChannelsChanged.Instance, NotificationChannelsChanged.Instance, TimeSpan.FromSeconds(5));
        }
    }

    private void SyncChildren()
    {
        var channels = _channels.List().ToDictionary(c => c.Id);
        foreach (var (id, child) in _children.ToList())
        {
            if (channels.TryGetValue(id, out var kept) && kept.Type == child.Type) continue;
            Context.Stop(child.Actor);
            _children.Remove(id);
        }
        foreach (var channel in channels.Values)
        {
            if (_children.TryGetValue(channel.Id, out var child))
            {
                child.Actor.Tell(new ChannelSenderActor.ChannelChanged(channel));
                continue;
            }
            if (_senders.Find(channel.Type) is not { } sender)
            {
                _log.Warning("Channel '{0}' is of type '{1}', which this hub cannot send to; its notifications stay pending. Change its type or delete it", channel.Name, channel.Type);
                continue;
            }
            var limit = channel.Type == ChannelTypes.Webhook ? 0 : _options.StormLimit;
            // A child stopped for a type change may not be gone yet: a new name each time.
            var actor = Context.ActorOf(ChannelSenderActor.Props(channel, sender, _deliveries, _options.Retry, limit), $"channel-{channel.Id}-{++_started}");
            _children[channel.Id] = (actor, channel.Type);
            if (!channel.Enabled) actor.Tell(new ChannelSenderActor.ChannelChanged(channel));
        }
        var orphans = _deliveries.DropOrphans();
        if (orphans > 0) _log.Info("{0} notifications for deleted channels were dropped", orphans);
    }

    private void WakeAll()
    {
        foreach (var child in _children.Values) child.Actor.Tell(ChannelSenderActor.Wake.Instance);
    }

    public static Props Props(ChannelStore channels, DeliveryStore deliveries, NotificationSenders senders, NotificationOptions options) =>
        Akka.Actor.Props.Create(() => new NotificationsActor(channels, deliveries, senders, options));
}

public static class NotificationsActorWiring
{
    public static AkkaConfigurationBuilder AddNotifications(this AkkaConfigurationBuilder builder, IServiceProvider services) =>
        builder.WithActors((system, registry) => registry.Register<NotificationsActor>(system.ActorOf(NotificationsActor.Props(
            services.GetRequiredService<ChannelStore>(),
            services.GetRequiredService<DeliveryStore>(),
            services.GetRequiredService<NotificationSenders>(),
            services.GetRequiredService<NotificationOptions>()), "notifications")));
}
