using System.Net.WebSockets;
using System.Text;
using Akka.TestKit.Xunit2;
using Lumen.Hub.LiveFeed;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Hub.Specs.LiveFeed;

/// <summary>One connection's pump between a real WebSocket pair and the test actor standing for the feed.</summary>
public sealed class LiveSocketPumpSpecs : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private readonly WebSocket _server;
    private readonly WebSocket _browser;
    private readonly CancellationTokenSource _hubStopping = new();

    public LiveSocketPumpSpecs() => (_server, _browser) = WebSocketPair.Create();

    private Task StartPump() => LiveSocketPump.RunAsync(_server, TestActor, NullLogger.Instance, _hubStopping.Token);

    private async Task SendAsync(string text) =>
        await _browser.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Every receive of one whole message, with what each gave.</summary>
    private async Task<List<(ValueWebSocketReceiveResult Result, byte[] Data)>> ReceiveMessageAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var parts = new List<(ValueWebSocketReceiveResult, byte[])>();
        var buffer = new byte[1024 * 1024];
        while (true)
        {
            var result = await _browser.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            parts.Add((result, buffer[..result.Count]));
            if (result.EndOfMessage) return parts;
        }
    }

    [Fact]
    public async Task LiveSocketPump_should_subscribe_to_every_host_and_send_what_the_feed_queues_in_fragments()
    {
        var pump = StartPump();
        var subscribe = await ExpectMsgAsync<LiveFeedCommands.Subscribe>(Wait);
        Assert.Same(LiveSubscription.All, subscribe.Subscription);

        var json = "[" + string.Join(",", Enumerable.Range(0, 4000).Select(i => $$"""{"host":"host-{{i:D4}}","cpu_pct":{{i % 100}}}""")) + "]";
        Assert.True(json.Length > 2 * LiveSocketPump.FragmentBytes);
        subscribe.Queue.Offer(new LiveFrame(Encoding.UTF8.GetBytes(json)));
        var parts = await ReceiveMessageAsync();

        Assert.Equal(json, Encoding.UTF8.GetString(parts.SelectMany(p => p.Data).ToArray()));
        Assert.All(parts, p => Assert.Equal(WebSocketMessageType.Text, p.Result.MessageType));
        Assert.All(parts, p => Assert.InRange(p.Result.Count, 0, LiveSocketPump.FragmentBytes));
        Assert.True(parts.Count >= 3, $"{json.Length} bytes came in {parts.Count} parts");
        Assert.False(pump.IsCompleted);
    }

    [Fact]
    public async Task LiveSocketPump_should_pass_on_subscribe_frames_and_ignore_everything_else()
    {
        _ = StartPump();
        var subscribe = await ExpectMsgAsync<LiveFeedCommands.Subscribe>(Wait);

        await SendAsync("garbage");
        await SendAsync("""{"type":"hello"}""");
        await _browser.SendAsync(new byte[ControlFrame.MaxBytes * 3], WebSocketMessageType.Text, true, CancellationToken.None);
        await SendAsync("""{"type":"subscribe","hosts":["pi"]}""");

        var change = await ExpectMsgAsync<LiveFeedCommands.ChangeSubscription>(Wait);
        Assert.Equal(subscribe.SubscriberId, change.SubscriberId);
        Assert.Equal(LiveSubscription.For(["pi"]), change.Subscription);
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task LiveSocketPump_should_unsubscribe_and_complete_the_queue_when_the_browser_closes()
    {
        var pump = StartPump();
        var subscribe = await ExpectMsgAsync<LiveFeedCommands.Subscribe>(Wait);

        await _browser.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "tab closed", CancellationToken.None);

        Assert.Equal(subscribe.SubscriberId, (await ExpectMsgAsync<LiveFeedCommands.Unsubscribe>(Wait)).SubscriberId);
        await pump.WaitAsync(Wait);
        Assert.False(subscribe.Queue.Offer(new LiveFrame(new byte[] { (byte)'[', (byte)']' })));
        Assert.Equal(WebSocketState.Closed, _server.State);
    }

    [Fact]
    public async Task LiveSocketPump_should_close_with_going_away_when_the_hub_stops()
    {
        var pump = StartPump();
        await ExpectMsgAsync<LiveFeedCommands.Subscribe>(Wait);

        await _hubStopping.CancelAsync();
        var close = (await ReceiveMessageAsync()).Single().Result;
        await _browser.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(WebSocketMessageType.Close, close.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, _browser.CloseStatus);
        await ExpectMsgAsync<LiveFeedCommands.Unsubscribe>(Wait);
        await pump.WaitAsync(Wait);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
            _browser.Dispose();
            _hubStopping.Dispose();
        }
        base.Dispose(disposing);
    }
}
