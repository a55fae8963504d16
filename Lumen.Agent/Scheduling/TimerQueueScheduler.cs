using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting;

namespace Lumen.Agent.Scheduling;

/// <summary>
/// Akka's scheduler for a process that acts every few seconds: each scheduled task is a timer
/// on .NET's timer queue, so the process sleeps until the next task is due. Akka's default
/// wheel wakes every <c>akka.scheduler.tick-duration</c> (10 ms) whether anything is due or
/// not; in the agent those wake-ups were nine tenths of its CPU time (docs/agent-footprint.md).
/// A repeated task runs at its interval from its last run, to the timer queue's millisecond.
/// </summary>
public sealed class TimerQueueScheduler : SchedulerBase, IDateTimeOffsetNowTimeProvider, IDisposable
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<Entry, byte> _pending = new();
    private int _disposed;

    public TimerQueueScheduler(Config scheduler, ILoggingAdapter log) : base(scheduler, log)
    {
    }

    protected override DateTimeOffset TimeNow => DateTimeOffset.Now;

    public override TimeSpan MonotonicClock => Clock.Elapsed;

    public override TimeSpan HighResMonotonicClock => Clock.Elapsed;

    /// <summary>Tasks waiting to run, repeated ones included.</summary>
    public int PendingCount => _pending.Count;

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, null, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message,
        IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ScheduledTell(receiver, message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, null, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, null, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan? interval, IRunnable action, ICancelable? cancelable)
    {
        if (Volatile.Read(ref _disposed) != 0) throw new SchedulerException("cannot enqueue after timer shutdown");
        var entry = new Entry(this, action, cancelable, interval);
        _pending.TryAdd(entry, 0);
        entry.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }

    /// <summary>
    /// At the actor system's termination: stops every timer and runs once each task still
    /// waiting and not cancelled, as Akka's own scheduler does, so nothing waits on a timer
    /// that will never fire.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var entry in _pending.Keys) entry.RunAtShutdown();
    }

    private sealed class Entry(TimerQueueScheduler scheduler, IRunnable action, ICancelable? cancelable, TimeSpan? interval)
    {
        private Timer? _timer;

        private bool Cancelled => cancelable?.IsCancellationRequested ?? false;

        public void Start(TimeSpan delay)
        {
            // Created stopped and then started, so a zero delay cannot fire before _timer is set.
            _timer = new Timer(static state => ((Entry)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(delay, interval ?? Timeout.InfiniteTimeSpan);
        }

        private void Fire()
        {
            if (Cancelled || interval is null)
            {
                Remove();
                if (Cancelled) return;
            }
            try
            {
                action.Run();
            }
            catch (Exception e)
            {
                // As on Akka's wheel: logged, and a failing repeated task is not run again.
                scheduler.Log.Error(e, "Error while executing scheduled task {0}", action);
                Remove();
            }
        }

        public void RunAtShutdown()
        {
            Remove();
            if (Cancelled) return;
            try
            {
                action.Run();
            }
            catch (SchedulerException)
            {
                // a terminated actor's task
            }
            catch (Exception e)
            {
                scheduler.Log.Error(e, "Error while executing scheduled task {0} at shutdown", action);
            }
        }

        private void Remove()
        {
            if (scheduler._pending.TryRemove(this, out _)) _timer?.Dispose();
        }
    }

    private sealed class ScheduledTell(ICanTell receiver, object message, IActorRef sender) : IRunnable
    {
        public void Run() => receiver.Tell(message, sender);

        public void Execute() => Run();

        public override string ToString() => $"[{receiver}.Tell({message}, {sender})]";
    }

    /// <summary><c>akka.scheduler.implementation</c> naming this class.</summary>
    public static readonly Config Config = ConfigurationFactory.ParseString(
        $"akka.scheduler.implementation = \"{typeof(TimerQueueScheduler).FullName}, {typeof(TimerQueueScheduler).Assembly.GetName().Name}\"");
}

public static class TimerQueueSchedulerWiring
{
    /// <summary>The actor system schedules on <see cref="TimerQueueScheduler"/>.</summary>
    public static AkkaConfigurationBuilder UseTimerQueueScheduler(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(TimerQueueScheduler.Config, HoconAddMode.Prepend);
}
