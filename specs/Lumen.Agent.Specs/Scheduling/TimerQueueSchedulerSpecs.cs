using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Configuration;
using Lumen.Agent.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Agent.Specs.Scheduling;

/// <summary>The agent's scheduler in an actor system of its own, on the wall clock.</summary>
public sealed class TimerQueueSchedulerSpecs() : TestKit(TimerQueueScheduler.Config)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private TimerQueueScheduler Scheduler => (TimerQueueScheduler)Sys.Scheduler;

    [Fact]
    public async Task Scheduler_should_tell_once_after_the_delay_and_not_before()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(600), TestActor, "due", ActorRefs.NoSender);

        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal("due", await ExpectMsgAsync<string>(Wait));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(0, Scheduler.PendingCount);
    }

    [Fact]
    public async Task Scheduler_should_tell_at_each_interval_until_cancelled()
    {
        var started = DateTime.UtcNow;
        var repeated = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TestActor, "tick", ActorRefs.NoSender);

        for (var i = 0; i < 4; i++) Assert.Equal("tick", await ExpectMsgAsync<string>(Wait));
        repeated.Cancel();
        var elapsed = DateTime.UtcNow - started;
        // One may have been on its way: take the ticks still arriving within 300 ms; anything else stays queued and fails below.
        await foreach (var late in ReceiveWhileAsync<string>(message => message == "tick", TimeSpan.FromMilliseconds(300), shouldIgnoreOtherMessageTypes: false))
            Assert.Equal("tick", late);

        // 600 ms less the timer queue's millisecond granularity, on either end.
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(580), $"four ticks 200 ms apart came within {elapsed.TotalMilliseconds} ms");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, Scheduler.PendingCount);
    }

    [Fact]
    public async Task Scheduler_should_not_run_a_task_cancelled_before_it_is_due()
    {
        var cancelled = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(200), TestActor, "cancelled", ActorRefs.NoSender);
        cancelled.Cancel();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(400), TestActor, "kept", ActorRefs.NoSender);

        Assert.Equal("kept", await ExpectMsgAsync<string>(Wait));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Scheduler_should_keep_running_other_tasks_when_one_throws_and_stop_a_failing_repeated_one()
    {
        var runs = 0;
        Sys.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), () =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("a failing task");
        });
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "still scheduling", ActorRefs.NoSender);

        Assert.Equal("still scheduling", await ExpectMsgAsync<string>(Wait));
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Scheduler_should_drive_an_actors_periodic_timer()
    {
        Sys.ActorOf(Props.Create(() => new Ticking(TestActor)));

        for (var i = 0; i < 3; i++) await ExpectMsgAsync<Ticking.Tick>(Wait);
    }

    [Fact]
    public async Task Scheduler_should_run_what_is_still_waiting_once_when_the_system_terminates_and_take_nothing_after()
    {
        var system = ActorSystem.Create("terminating", TimerQueueScheduler.Config);
        var scheduler = (TimerQueueScheduler)system.Scheduler;
        var ran = new TaskCompletionSource();
        system.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromHours(1), () => ran.TrySetResult());

        await system.Terminate();

        await ran.Task.WaitAsync(Wait);
        Assert.Equal(0, scheduler.PendingCount);
        Assert.ThrowsAny<Exception>(() => system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, () => { }));
    }

    [Fact]
    public async Task AgentHost_should_run_its_actor_system_on_the_timer_queue_scheduler()
    {
        var options = AgentOptionsLoader.Load(name => name switch
        {
            "LUMEN_HUB_URL" => "http://127.0.0.1:9",
            "LUMEN_AGENT_TOKEN" => "lum_spec",
            "LUMEN_AGENT_BUFFER_PATH" => Path.Combine(Path.GetTempPath(), $"lumen-scheduler-spec-{Guid.NewGuid():N}.db"),
            _ => null,
        }, "/nonexistent/agent.yaml");
        using var host = AgentHost.Build(options);

        var system = host.Services.GetRequiredService<ActorSystem>();

        Assert.IsType<TimerQueueScheduler>(system.Scheduler);
        await system.Terminate();
    }

    private sealed class Ticking : ReceiveActor, IWithTimers
    {
        public sealed record Tick;

        public ITimerScheduler Timers { get; set; } = null!;

        public Ticking(IActorRef probe)
        {
            Receive<Tick>(tick => probe.Tell(tick));
        }

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(100));
    }
}
