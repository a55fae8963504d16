using Akka.Actor;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferCommands;

namespace Lumen.Agent.Specs.Buffer;

/// <summary>A drained buffer stops and gives its memory back, and starts again for the next frame.</summary>
public sealed class FrameBufferRestSpecs() : BufferSpec(new BufferFolder())
{
    private int _releases;

    private void Released() => Interlocked.Increment(ref _releases);

    [Fact]
    public async Task FrameBufferSupervisor_should_stop_a_drained_buffer_and_release_memory_once_it_has_held_nothing_for_a_while()
    {
        var supervisor = StartBuffer(restAfter: TimeSpan.FromMilliseconds(200), releaseMemory: Released);
        BufferSeconds(supervisor, -2, -1);
        var sent = await OldestAsync(supervisor);

        supervisor.Tell(new ConfirmSent([.. sent.Select(f => f.Id)]));

        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _releases) == 1), Wait);
        await Assert.ThrowsAsync<ActorNotFoundException>(() =>
            Sys.ActorSelection(supervisor.Path / "buffer-*").ResolveOne(TimeSpan.FromSeconds(1)));
        Assert.Empty(await BufferedAsync(supervisor));
        Assert.True(File.Exists(Folder.Path), "the file stays, with what the journal numbered so far");

        BufferSeconds(supervisor, 0);
        var again = await OldestAsync(supervisor);

        Assert.Equal([0.0], again.Select(f => f.Cpu));
        Assert.True(again[0].Id > sent.Max(f => f.Id), "the buffer started again from its file: ids go on");
    }

    [Fact]
    public async Task FrameBufferSupervisor_should_keep_every_frame_that_comes_while_the_buffer_is_told_to_rest()
    {
        // No wait at all: the rest question and the next frame race every time.
        var supervisor = StartBuffer(restAfter: TimeSpan.Zero, releaseMemory: Released);
        for (var round = 0; round < 20; round++)
        {
            BufferSeconds(supervisor, round);
            var held = await OldestAsync(supervisor);
            Assert.Equal([(double)round], held.Select(f => f.Cpu));

            supervisor.Tell(new ConfirmSent([held[0].Id]));
            BufferSeconds(supervisor, 100 + round);

            var next = await OldestAsync(supervisor);
            Assert.Equal([100.0 + round], next.Select(f => f.Cpu));
            supervisor.Tell(new ConfirmSent([next[0].Id]));
        }

        await AwaitConditionAsync(() => Task.FromResult(Volatile.Read(ref _releases) >= 1), Wait);
        Assert.Empty(await BufferedAsync(supervisor));
    }

    [Fact]
    public async Task FrameBufferSupervisor_should_not_rest_while_the_buffer_holds_frames()
    {
        var supervisor = StartBuffer(restAfter: TimeSpan.FromMilliseconds(50), releaseMemory: Released);
        BufferSeconds(supervisor, -3, -2, -1);
        var sent = await OldestAsync(supervisor, max: 2);
        supervisor.Tell(new ConfirmSent([.. sent.Select(f => f.Id)]));

        // Ten rest periods later the buffer still runs: it holds a frame, so it never emptied.
        await Task.Delay(500);

        Assert.Equal(0, Volatile.Read(ref _releases));
        Assert.Equal([-1.0], await BufferedAsync(supervisor));
    }
}
