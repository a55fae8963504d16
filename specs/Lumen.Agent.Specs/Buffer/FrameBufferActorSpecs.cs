using Akka.Actor;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferActorSpecs() : BufferSpec(new BufferFolder())
{
    [Fact]
    public async Task FrameBuffer_should_hand_out_the_oldest_frames_first()
    {
        var buffer = StartBuffer();
        BufferSeconds(buffer, -20, -5, -30, -10);

        var oldest = await OldestAsync(buffer, max: 3);

        Assert.Equal([-30.0, -20.0, -10.0], oldest.Select(f => f.Cpu));
        var status = await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait);
        Assert.Equal((4, Clock.Now.AddSeconds(-30)), (status.Count, status.OldestTs));
    }

    [Fact]
    public async Task FrameBuffer_should_forget_the_frames_the_hub_accepted()
    {
        var buffer = StartBuffer();
        BufferSeconds(buffer, -3, -2, -1);
        var oldest = await OldestAsync(buffer, max: 2);

        buffer.Tell(new ConfirmSent([oldest[0].Id, oldest[1].Id, 12345]));

        Assert.Equal([-1.0], await BufferedAsync(buffer));
    }

    [Fact]
    public async Task FrameBuffer_should_recover_its_frames_in_order_after_a_restart()
    {
        await EarlierRunAsync(async before =>
        {
            BufferSeconds(before, -40, -30, -20, -10);
            var sent = await OldestAsync(before, max: 1);
            before.Tell(new ConfirmSent([sent[0].Id]));
            await OldestAsync(before);
        });

        var after = StartBuffer();
        var recovered = await OldestAsync(after);

        Assert.Equal([-30.0, -20.0, -10.0], recovered.Select(f => f.Cpu));
        BufferSeconds(after, 0);
        var ids = (await OldestAsync(after)).Select(f => f.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(ids[^1] > recovered.Max(f => f.Id), "ids are never reused across restarts");
    }

    [Fact]
    public async Task FrameBuffer_should_drop_the_oldest_frames_over_the_cap_with_one_counted_line()
    {
        var buffer = StartBuffer(Folder.Options(maxFrames: 3));
        BufferSeconds(buffer, -50, -40, -30);
        await OldestAsync(buffer);

        await EventFilter.Warning(contains: "dropped 1 oldest frames").ExpectOneAsync(async () =>
        {
            BufferSeconds(buffer, -20, -10);
            await OldestAsync(buffer);
        });

        Assert.Equal([-30.0, -20.0, -10.0], await BufferedAsync(buffer));
        Assert.Equal(2, (await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait)).DroppedSinceStart);
    }

    [Fact]
    public async Task FrameBuffer_should_drop_frames_past_the_max_age_before_handing_any_out()
    {
        var buffer = StartBuffer();
        BufferSeconds(buffer, -30, -20, -10);
        await OldestAsync(buffer);

        Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(15));
        var oldest = await EventFilter.Warning(contains: "dropped 2 oldest frames (2 older than").ExpectOneAsync(() => BufferedAsync(buffer));

        Assert.Equal([-10.0], oldest);
    }

    [Fact]
    public async Task FrameBuffer_should_not_create_its_file_while_nothing_is_buffered()
    {
        var buffer = StartBuffer();

        Assert.Empty(await OldestAsync(buffer));
        buffer.Tell(new ConfirmSent([1]));
        Assert.Equal(BufferStatus.Empty, await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait));

        Assert.False(Directory.Exists(Folder.Root), "no folder, no file while the hub takes every frame");
    }

    [Fact]
    public async Task FrameBuffer_should_not_write_to_its_file_when_idle_after_a_restart()
    {
        await EarlierRunAsync(async before =>
        {
            BufferSeconds(before, -10);
            before.Tell(new ConfirmSent((await OldestAsync(before)).Select(f => f.Id).ToList()));
            await OldestAsync(before);
        });
        var bytes = await File.ReadAllBytesAsync(Folder.Path);
        var written = File.GetLastWriteTimeUtc(Folder.Path);

        var after = StartBuffer();
        Assert.Empty(await OldestAsync(after));
        after.Tell(new ConfirmSent([1]));
        await after.Ask<BufferStatus>(GetBufferStatus.Instance, Wait);
        await Task.Delay(300); // the journal deletes asynchronously; give a stray write the time to land

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Folder.Path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Folder.Path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Folder.Path)!));
    }

    [Fact]
    public async Task FrameBuffer_should_keep_its_journal_to_the_frames_it_holds()
    {
        var buffer = StartBuffer();
        for (var round = 0; round < 5; round++)
        {
            BufferSeconds(buffer, Enumerable.Range(round * 20, 20).ToArray());
            var oldest = await OldestAsync(buffer, max: 15);
            buffer.Tell(new ConfirmSent(oldest.Select(f => f.Id).ToList()));
        }
        Assert.Equal(25, (await OldestAsync(buffer)).Count);

        await AwaitAssertAsync(() => Assert.InRange(Folder.Sql("SELECT count(*) FROM journal"), 25, 30), Wait);
    }
}
