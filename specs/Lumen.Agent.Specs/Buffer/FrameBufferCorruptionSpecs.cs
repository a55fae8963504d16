using Akka.Actor;
using Lumen.Agent.Buffer;
using static Lumen.Agent.Buffer.FrameBufferCommands;
using static Lumen.Agent.Buffer.FrameBufferQueries;

namespace Lumen.Agent.Specs.Buffer;

public sealed class FrameBufferCorruptionSpecs() : BufferSpec(new BufferFolder())
{
    /// <summary>An earlier run of the agent that buffered frames at -count … -1 s and stopped.</summary>
    private Task EarlierRunBufferedAsync(int count) => EarlierRunAsync(async buffer =>
    {
        BufferSeconds(buffer, Enumerable.Range(-count, count).ToArray());
        Assert.Equal(count, (await buffer.Ask<BufferStatus>(GetBufferStatus.Instance, Wait)).Count);
    });

    [Fact]
    public async Task FrameBuffer_should_start_empty_and_move_aside_a_file_of_garbage()
    {
        await EarlierRunBufferedAsync(20);
        var garbage = new byte[new FileInfo(Folder.Path).Length];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(Folder.Path, garbage);

        var buffer = await EventFilter.Error(contains: "is damaged").ExpectOneAsync(async () =>
        {
            var started = StartBuffer();
            Assert.Empty(await BufferedAsync(started));
            return started;
        });

        Assert.Equal(garbage, await File.ReadAllBytesAsync(Assert.Single(Folder.AsideFiles())));
        buffer.Tell(new BufferFrame(BufferFrames.At(Clock.Now, cpu: 42)));
        Assert.Equal([42.0], await BufferedAsync(buffer));
    }

    [Fact]
    public async Task FrameBuffer_should_keep_the_readable_frames_of_a_truncated_file_and_move_it_aside()
    {
        await EarlierRunBufferedAsync(300);
        var length = new FileInfo(Folder.Path).Length;
        await using (var file = File.OpenWrite(Folder.Path)) file.SetLength(length / 2);

        var kept = await BufferedAsync(StartBuffer());

        Assert.InRange(kept.Count, 1, 299);
        Assert.Equal(Enumerable.Range(-300, kept.Count).Select(s => (double)s), kept);
        Assert.Equal(length / 2, new FileInfo(Assert.Single(Folder.AsideFiles())).Length);
    }

    [Fact]
    public async Task FrameBuffer_should_skip_an_unreadable_row_and_keep_the_others()
    {
        await EarlierRunBufferedAsync(5);
        Folder.Sql("UPDATE journal SET message = X'7B2274735F' WHERE sequence_number = 2");

        var kept = await EventFilter.Warning(contains: "skipped 1 unreadable").ExpectOneAsync(() => BufferedAsync(StartBuffer()));

        Assert.Equal([-5.0, -3.0, -2.0, -1.0], kept);
        Assert.Empty(Folder.AsideFiles());
    }

    [Fact]
    public async Task FrameBuffer_should_start_afresh_with_the_frames_read_before_a_recovery_failure()
    {
        await EarlierRunBufferedAsync(5);
        // A serializer id nobody has: Akka itself fails the replay at the third row.
        Folder.Sql("UPDATE journal SET identifier = 999 WHERE sequence_number = 3");

        var kept = await EventFilter.Error(contains: "could not read back").ExpectOneAsync(() => BufferedAsync(StartBuffer()));

        Assert.Equal([-5.0, -4.0], kept);
        Assert.Single(Folder.AsideFiles());
        await Sys.Terminate();
        var recovered = new List<double>();
        await EarlierRunAsync(async again => recovered = await BufferedAsync(again));
        Assert.Equal([-5.0, -4.0], recovered);
    }
}
