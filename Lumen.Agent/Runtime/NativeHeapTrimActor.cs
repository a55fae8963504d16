using Akka.Actor;
using Akka.Hosting;

namespace Lumen.Agent.Runtime;

/// <summary>
/// Gives the C heap's free pages back to the kernel once start-up has settled, then now and
/// then. Start-up (the JIT compiling the agent, the host and Akka reading their configuration)
/// frees about 8 MiB of native memory that glibc would keep resident for good
/// (docs/agent-footprint.md). Stops itself where the C library cannot trim.
/// </summary>
public sealed class NativeHeapTrimActor : ReceiveActor, IWithTimers
{
    /// <summary>By then the first ticks have compiled the collecting and sending code.</summary>
    public static readonly TimeSpan FirstAfter = TimeSpan.FromSeconds(30);

    /// <summary>Later work (a hub outage: the buffer, SQLite) frees native memory too; a trim costs well under a millisecond.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    public ITimerScheduler Timers { get; set; } = null!;

    public NativeHeapTrimActor(Func<bool> trim)
    {
        Receive<Trim>(_ =>
        {
            if (!trim()) Context.Stop(Self);
        });
    }

    protected override void PreStart() => Timers.StartPeriodicTimer(Trim.Key, Trim.Instance, FirstAfter, Every);

    private sealed record Trim
    {
        public const string Key = "trim";
        public static readonly Trim Instance = new();
    }

    /// <param name="trim">trims, and says false where it cannot (<see cref="GlibcHeap.TryTrim"/>).</param>
    public static Props Props(Func<bool> trim) => Akka.Actor.Props.Create(() => new NativeHeapTrimActor(trim));
}

public static class NativeHeapTrimWiring
{
    /// <summary>Trims the C heap with <see cref="GlibcHeap.TryTrim"/> on <see cref="NativeHeapTrimActor"/>'s schedule.</summary>
    public static AkkaConfigurationBuilder AddNativeHeapTrim(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _) => system.ActorOf(NativeHeapTrimActor.Props(GlibcHeap.TryTrim), "native-heap-trim"));
}
