using System.Net;
using Akka.Actor;
using Lumen.Agent.Buffer;
using Lumen.Protocol.Ingest;
using Lumen.Agent.Collectors.Processes;
using Lumen.Agent.Sending;

namespace Lumen.Agent.Specs.Sending;

/// <summary>How the hub's processes policy reaches the collector: published by the sender when it changes, and asked for by a collector that starts again.</summary>
public sealed class SenderProcessesPolicySpecs : SenderSpec
{
    [Fact]
    public async Task Sender_should_publish_the_processes_policy_the_hub_hands_out()
    {
        Hub.ProcessesPolicy = "\"processes_enabled\":true,\"processes_top_n\":3,\"processes_sort_by\":\"rss\",\"processes_redact_regex\":\"AKIA\\\\w+\"";
        Sys.EventStream.Subscribe(CollectorProbe.Ref, typeof(SenderEvents.ProcessesPolicyChanged));
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        var changed = await CollectorProbe.ExpectMsgAsync<SenderEvents.ProcessesPolicyChanged>(Wait);
        Assert.Equal(new ProcessesPolicy(true, 3, ProcessSort.Mem, @"AKIA\w+"), changed.Policy);
        Assert.Equal(changed.Policy, (await sender.Ask<SenderEvents.ProcessesPolicyChanged>(SenderQueries.GetProcessesPolicy.Instance, Wait)).Policy);
    }

    [Fact]
    public async Task Sender_should_publish_nothing_for_a_go_hub_that_keeps_processes_off()
    {
        Sys.EventStream.Subscribe(CollectorProbe.Ref, typeof(SenderEvents.ProcessesPolicyChanged));
        var sender = await StartSenderAsync();

        sender.Tell(new SenderCommands.Send(Frame(0)));

        await WhenHubHasAsync(1);
        await CollectorProbe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));
        Assert.Equal(ProcessesPolicy.Off, (await sender.Ask<SenderEvents.ProcessesPolicyChanged>(SenderQueries.GetProcessesPolicy.Instance, Wait)).Policy);
    }

    [Fact]
    public async Task Sender_should_buffer_a_frame_the_hub_did_not_take_without_its_processes_which_are_live_only()
    {
        var sender = await StartSenderAsync();
        Hub.NextStatuses.Enqueue(HttpStatusCode.ServiceUnavailable);
        var frame = Frame(0);
        frame.Processes = [new ProcessSample { Pid = 1, Name = "systemd", User = "root", Cmd = "/sbin/init" }];

        sender.Tell(new SenderCommands.Send(frame));

        var buffered = (await BufferProbe.ExpectMsgAsync<FrameBufferCommands.BufferFrame>(Wait)).Frame;
        Assert.Equal(T0, buffered.Ts);
        Assert.Null(buffered.Processes);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(-3, 1)]
    [InlineData(500, 50)]
    public void Processes_policy_should_take_a_missing_count_as_ten_and_bring_one_outside_the_go_hubs_bounds_inside(int asked, int followed)
    {
        var policy = ProcessesPolicy.From(new Lumen.Protocol.Policy.AgentPolicy { ProcessesEnabled = true, ProcessesTopN = asked, ProcessesSortBy = "mem" });

        Assert.Equal((followed, ProcessSort.Mem), (policy.TopN, policy.SortBy));
    }
}
