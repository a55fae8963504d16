using Akka.Actor;
using Akka.Event;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// Sends one channel's deliveries, one message at a time, so a slow or dead channel only ever
/// delays itself. The queue is the table: the actor reads what is due, marks it in flight,
/// sends it (a task piped back, with a timeout), writes the outcome, and reads again; a timer
/// wakes it for the next retry or when storm control allows the next message. It holds no more
/// than one message's rows, however long the channel has been failing.
/// </summary>
public sealed class ChannelSenderActor : ReceiveActor, IWithTimers
{
    /// <summary>How many due rows one read takes: a grouped message's worth.</summary>
    private const int ReadLimit = StormGate.GroupLimit;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly INotificationSender _sender;
    private readonly DeliveryStore _store;
    private readonly RetrySchedule _retry;
    private readonly StormGate _storm;
    private static readonly TimeSpan StoreRetry = TimeSpan.FromSeconds(5);

    private NotificationChannel _channel;
    private int _failuresInRow;
    private bool _requeued;
    private bool _sending;

    public ITimerScheduler Timers { get; set; } = null!;

    public ChannelSenderActor(NotificationChannel channel, INotificationSender sender, DeliveryStore store, RetrySchedule retry, int stormLimit)
    {
        (_channel, _sender, _store, _retry) = (channel, sender, store, retry);
        _storm = new StormGate(stormLimit);
        Idle();
    }

    protected override void PreStart() => Self.Tell(Wake.Instance);

    /// <summary>Nothing in flight: look for work when woken.</summary>
    private void Idle()
    {
        Receive<Wake>(_ => Safely(SendNext));
        Receive<ChannelChanged>(changed => Safely(() => Change(changed)));
        // The answer to a send made before this actor restarted.
        Receive<SendDone>(done => Safely(() => Done(done)));
    }

    /// <summary>One message in flight: it looks for more work when it is done anyway.</summary>
    private void Sending()
    {
        Receive<Wake>(_ => { });
        Receive<ChannelChanged>(changed => Safely(() => Change(changed)));
        Receive<SendDone>(done => Safely(() => Done(done)));
    }

    /// <summary>
    /// The table is the queue: when it cannot be read or written (a full disk, a locked file),
    /// nothing is lost by waiting; the sender tries again a little later instead of crashing.
    /// </summary>
    private void Safely(Action work)
    {
        try
        {
            if (!_requeued)
            {
                // Rows this channel had in flight when the hub (or this actor) stopped go again.
                _store.RequeueInflight(_channel.Id);
                _requeued = true;
            }
            work();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            _log.Warning("Channel '{0}' cannot read or write the delivery log ({1}); its notifications wait in the database and go once it works, trying again in {2} s. Check the disk and the database file",
                _channel.Name, e.Message, (int)StoreRetry.TotalSeconds);
            // A send still out will report and look again itself; otherwise rows whose outcome
            // could not be written stay in flight, and go again once the table works.
            if (_sending) return;
            _requeued = false;
            Become(Idle);
            Timers.StartSingleTimer(Wake.Instance, Wake.Instance, StoreRetry);
        }
    }

    private void Change(ChannelChanged changed)
    {
        _channel = changed.Channel;
        if (!_channel.Enabled)
        {
            var dropped = _store.DropWaiting(_channel.Id, "channel disabled");
            if (dropped > 0) _log.Info("Channel '{0}' is disabled: {1} notifications that had not gone out are dropped (the delivery log shows them; Retry sends one again once the channel is enabled)", _channel.Name, dropped);
            return;
        }
        Self.Tell(Wake.Instance);
    }

    private void SendNext()
    {
        if (!_channel.Enabled) return;
        var now = _store.Now;
        var due = _store.Due(_channel.Id, now, ReadLimit);
        if (due.Count == 0)
        {
            ArmFor(_store.NextRetryAt(_channel.Id));
            return;
        }
        var decision = _storm.Decide(due.Count, now);
        if (decision.Take == 0)
        {
            ArmFor(decision.WaitUntil);
            return;
        }
        var rows = due.Take(decision.Take).ToList();
        long? groupId = rows.Count > 1 ? rows.Min(r => r.Id) : null;
        _store.MarkInflight(rows, groupId);
        _storm.Sent(now);
        var deliveryId = groupId is { } group ? $"group-{group}-{rows.Count}" : rows[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = new OutgoingMessage(deliveryId, rows.Select(r => r.Payload).ToList());
        var (channel, sender) = (_channel, _sender);
        Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(SendersWiring.SendTimeout + TimeSpan.FromSeconds(2));
            return await sender.SendAsync(channel, message, timeout.Token);
        }).PipeTo(Self, success: result => new SendDone(rows, result),
            failure: e => new SendDone(rows, SendResult.Failed($"{channel.Type}: {e.GetBaseException().Message}")));
        _sending = true;
        Become(Sending);
    }

    private void Done(SendDone done)
    {
        _sending = false;
        var now = _store.Now;
        if (done.Result.Ok)
        {
            _store.MarkSent(done.Rows, done.Result.HttpStatus, now);
            if (_failuresInRow > 0) _log.Info("Channel '{0}' works again after {1} failed attempts", _channel.Name, _failuresInRow);
            _failuresInRow = 0;
        }
        else
        {
            foreach (var row in done.Rows)
            {
                var retryAt = _retry.Next(row.Attempts + 1, row.Severity, done.Result, now, Random.Shared.NextDouble());
                _store.MarkAttemptFailed(row, done.Result.Error ?? "failed", done.Result.HttpStatus, retryAt);
            }
            if (_failuresInRow++ == 0)
                _log.Warning("Channel '{0}' could not send: {1}. Its notifications are retried with a growing pause; the delivery log (Settings → Notifications) shows each attempt. Check the channel's settings with its Test button",
                    _channel.Name, done.Result.Error);
        }
        Become(Idle);
        Self.Tell(Wake.Instance);
    }

    private void ArmFor(DateTimeOffset? at)
    {
        if (at is not { } when) return;
        var wait = when - _store.Now;
        Timers.StartSingleTimer(Wake.Instance, Wake.Instance, wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait);
    }

    /// <summary>Look for due deliveries (new rows were written, a retry is due, or a row was retried by hand).</summary>
    public sealed class Wake
    {
        public static readonly Wake Instance = new();
    }

    /// <summary>The channel was edited: the next message uses the new settings; a disabled channel drops what waits.</summary>
    public sealed record ChannelChanged(NotificationChannel Channel);

    private sealed record SendDone(IReadOnlyList<DeliveryRow> Rows, SendResult Result);

    public static Props Props(NotificationChannel channel, INotificationSender sender, DeliveryStore store, RetrySchedule retry, int stormLimit) =>
        Akka.Actor.Props.Create(() => new ChannelSenderActor(channel, sender, store, retry, stormLimit));
}
