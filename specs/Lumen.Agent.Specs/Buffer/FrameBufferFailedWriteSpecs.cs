using Akka.Actor;
using Akka.TestKit.Xunit2;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferFailedWriteSpecs : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly BufferFolder _folder;
    private readonly WallClock _clock = new(WallClock.Noon);
    private readonly IActorRef _buffer;

    public FrameBufferFailedWriteSpecs() : this(new BufferFolder()) { }

    private FrameBufferFailedWriteSpecs(BufferFolder folder) : base(folder.Config)
    {
        _folder = folder;
        _buffer = Sys.ActorOf(FrameBufferSupervisor.Props(_folder.Options(), _clock, restartDelay: TimeSpan.FromMilliseconds(500)));
    }

    private void Buffer(int second) => _buffer.Tell(new BufferFrame(BufferFrames.At(_clock.Now.AddSeconds(second), cpu: second)));

    private async Task<List<double>> BufferedAsync() =>
        (await _buffer.Ask<OldestFrames>(new TakeOldest(100), Wait)).Frames.Select(f => f.Frame.CpuPct).ToList();

    [Fact]
    public async Task FrameBuffer_should_restart_from_its_file_after_a_failed_write()
    {
        Buffer(-2);
        Buffer(-1);
        Assert.Equal(2, (await BufferedAsync()).Count);
        _folder.Sql("ALTER TABLE journal RENAME TO journal_away");

        await EventFilter.Warning(contains: "stopped after a failed write").ExpectOneAsync(Wait, () =>
        {
            Buffer(0);
            return Task.CompletedTask;
        });
        _folder.Sql("ALTER TABLE journal_away RENAME TO journal");

        Assert.Equal([-2.0, -1.0], await BufferedAsync());
        Buffer(1);
        Assert.Equal([-2.0, -1.0, 1.0], await BufferedAsync());
    }

    [Fact]
    public async Task FrameBuffer_should_turn_itself_off_when_its_file_cannot_be_used_at_all()
    {
        Buffer(-1);
        Assert.Single(await BufferedAsync());
        _folder.Sql("DROP TABLE journal");

        await EventFilter.Error(contains: "buffering is off").ExpectOneAsync(Wait, async () =>
        {
            Buffer(0);
            await Task.Delay(100);
            Buffer(1);
            Assert.Empty(await BufferedAsync());
        });

        Assert.Equal(BufferStatus.Empty, await _buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait));
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _folder.Dispose();
    }
}
