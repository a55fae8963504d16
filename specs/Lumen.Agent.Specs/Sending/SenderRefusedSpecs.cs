using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Sending;

/// <summary>
/// Refused: the hub refused the token (401); frames are kept and the token is tried again, after
/// a few seconds at first and then less and less often.
/// </summary>
public sealed class SenderRefusedSpecs : SenderSpec
{
    [Fact]
    public async Task Sender_should_keep_frames_and_retry_after_a_few_seconds_when_the_token_is_refused()
    {
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);
        sender.Tell(new SenderCommands.Send(Frame(0)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        Assert.True((await StatusOf(sender)).Unauthorized);

        sender.Tell(new SenderCommands.Send(Frame(5)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        ((TestScheduler)Sys.Scheduler).Advance(RefusedTokenBackoff.First - TimeSpan.FromSeconds(1));
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, Hub.Posts);

        ((TestScheduler)Sys.Scheduler).Advance(TimeSpan.FromSeconds(1));

        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new(1, Frame(0)), new(2, Frame(5))]));
        Assert.Equal([1L, 2L], (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);
        Assert.False((await StatusOf(sender)).Unauthorized);
    }

    [Fact]
    public async Task Sender_should_warn_on_a_first_refusal_and_tell_the_operator_how_to_replace_the_token_once_refusals_last()
    {
        var warnings = CreateTestProbe();
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(Akka.Event.Warning));
        Sys.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));
        var sender = await StartSenderAsync();
        for (var i = 0; i < 10; i++) Hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);

        sender.Tell(new SenderCommands.Send(Frame(0)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        var first = (await warnings.ExpectMsgAsync<Akka.Event.Warning>(Wait)).Message.ToString()!;
        Assert.Contains("tried again in 5 s", first);
        await errors.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));

        // Refused again after 5, 10, 20 and 40 s: the wait has reached a minute, and the error says what to do.
        foreach (var waited in (int[])[5, 10, 20, 40])
        {
            ((TestScheduler)Sys.Scheduler).Advance(TimeSpan.FromSeconds(waited));
            // A refused drain settles nothing; what the buffer is told about it is not this spec's concern.
            await BufferProbe.FishForMessageAsync(m => m is FrameBufferQueries.TakeOldest, Wait);
            BufferProbe.Reply(new OldestFrames([new(1, Frame(0))]));
            await AwaitAssertAsync(async () => Assert.True((await StatusOf(sender)).Unauthorized), Wait);
        }

        var line = (await errors.ExpectMsgAsync<Akka.Event.Error>(Wait)).Message.ToString()!;
        Assert.StartsWith("The hub refused this agent's token (401)", line);
        foreach (var fix in (string[])["rotate the host's token", "LUMEN_AGENT_TOKEN", "restart the agent", "tried again every 60 s"])
            Assert.Contains(fix, line);
    }
}
