using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;
using Lumen.Protocol.Metrics;

namespace Lumen.Agent.Specs.Buffer;

/// <summary>TestKit on a buffer file of its own, with a wall clock the spec moves.</summary>
public abstract class BufferSpec(BufferFolder folder) : TestKit(folder.Config), IDisposable
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected BufferFolder Folder => folder;

    protected WallClock Clock { get; } = new(WallClock.Noon);

    protected IActorRef StartBuffer(BufferOptions? options = null, ActorSystem? system = null, TimeSpan? restartDelay = null,
        TimeSpan? restAfter = null, Action? releaseMemory = null) =>
        (system ?? Sys).ActorOf(FrameBufferSupervisor.Props(options ?? folder.Options(), Clock, restartDelay, restAfter, releaseMemory));

    /// <summary>Buffers one frame per second offset from now; each frame's CPU is its offset.</summary>
    protected void BufferSeconds(IActorRef buffer, params int[] seconds)
    {
        foreach (var s in seconds) buffer.Tell(new BufferFrame(BufferFrames.At(Clock.Now.AddSeconds(s), cpu: s)));
    }

    protected static async Task<List<(long Id, double Cpu)>> OldestAsync(IActorRef buffer, int max = int.MaxValue)
    {
        var oldest = await buffer.Ask<OldestFrames>(new TakeOldest(max), Wait);
        return oldest.Frames.Select(f => (f.Id, f.Frame[ScalarMetrics.CpuPct])).ToList();
    }

    /// <summary>The CPU (so the second offset) of every buffered frame, oldest first.</summary>
    protected static async Task<List<double>> BufferedAsync(IActorRef buffer) =>
        (await OldestAsync(buffer)).Select(f => f.Cpu).ToList();

    /// <summary>An earlier run of the agent: its own actor system on the same file, terminated after <paramref name="run"/>.</summary>
    protected async Task EarlierRunAsync(Func<IActorRef, Task> run)
    {
        var earlier = ActorSystem.Create("earlier-run", folder.Config);
        await run(StartBuffer(system: earlier));
        await earlier.Terminate();
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        folder.Dispose();
    }
}
