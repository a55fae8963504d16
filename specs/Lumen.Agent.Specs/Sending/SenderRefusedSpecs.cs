using System.Net;
using Akka.Actor;
using Akka.TestKit;
using Lumen.Agent.Buffer;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Sending;

/// <summary>Refused: the hub refused the token (401); frames are kept and the token is tried again after a minute.</summary>
public sealed class SenderRefusedSpecs : SenderSpec
{
    [Fact]
    public async Task Sender_should_keep_frames_and_retry_only_after_a_minute_when_the_token_is_refused()
    {
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);
        sender.Tell(new SenderCommands.Send(Frame(0)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        Assert.True((await StatusOf(sender)).Unauthorized);

        sender.Tell(new SenderCommands.Send(Frame(5)));
        await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait);
        await BufferProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, Hub.Posts);

        ((TestScheduler)Sys.Scheduler).Advance(SenderActor.UnauthorizedRetryEvery);

        await BufferProbe.ExpectMsgAsync<FrameBufferQueries.TakeOldest>(Wait);
        BufferProbe.Reply(new OldestFrames([new(1, Frame(0)), new(2, Frame(5))]));
        Assert.Equal([1L, 2L], (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.ConfirmSent>(Wait)).Ids);
        Assert.False((await StatusOf(sender)).Unauthorized);
    }

    [Fact]
    public async Task Sender_should_tell_the_operator_the_token_was_refused_and_how_to_replace_it()
    {
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(HttpStatusCode.Unauthorized);

        sender.Tell(new SenderCommands.Send(Frame(0)));

        var line = (await errors.ExpectMsgAsync<Akka.Event.Error>(Wait)).Message.ToString()!;
        Assert.StartsWith("The hub refused this agent's token (401)", line);
        foreach (var fix in (string[])["rotate the host's token", "LUMEN_AGENT_TOKEN", "restart the agent", "tried again every 60 s"])
            Assert.Contains(fix, line);
    }
}
