using Akka.Actor;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferFailedWriteSpecs() : BufferSpec(new BufferFolder())
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task FrameBuffer_should_restart_from_its_file_after_a_failed_write()
    {
        var buffer = StartBuffer(restartDelay: RestartDelay);
        BufferSeconds(buffer, -2, -1);
        Assert.Equal(2, (await OldestAsync(buffer)).Count);
        Folder.Sql("ALTER TABLE journal RENAME TO journal_away");

        await EventFilter.Warning(contains: "stopped after a failed write").ExpectOneAsync(Wait, () =>
        {
            BufferSeconds(buffer, 0);
            return Task.CompletedTask;
        });
        Folder.Sql("ALTER TABLE journal_away RENAME TO journal");

        Assert.Equal([-2.0, -1.0], await BufferedAsync(buffer));
        BufferSeconds(buffer, 1);
        Assert.Equal([-2.0, -1.0, 1.0], await BufferedAsync(buffer));
    }

    [Fact]
    public async Task FrameBuffer_should_turn_itself_off_when_its_file_cannot_be_used_at_all()
    {
        var buffer = StartBuffer(restartDelay: RestartDelay);
        BufferSeconds(buffer, -1);
        Assert.Single(await OldestAsync(buffer));
        Folder.Sql("DROP TABLE journal");

        await EventFilter.Error(contains: "buffering is off").ExpectOneAsync(Wait, async () =>
        {
            // The next frame comes once the supervisor knows the write failed, as a frame a tick later would.
            await EventFilter.Warning(contains: "stopped after a failed write").ExpectOneAsync(Wait, () =>
            {
                BufferSeconds(buffer, 0);
                return Task.CompletedTask;
            });
            BufferSeconds(buffer, 1);
            Assert.Empty(await OldestAsync(buffer));
        });

        Assert.Equal(BufferStatus.Empty, await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait));
    }
}
