using System.Net.WebSockets;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Protocol.Json;

namespace Lumen.Hub.Specs.LiveFeed;

/// <summary>
/// permessage-deflate on <c>GET /api/stream</c>, against the real hub binary over TCP with .NET's
/// own WebSocket client: negotiated when offered, and then fewer bytes on the wire than the frame
/// holds; not negotiated, and every byte sent as is, when not offered.
/// </summary>
public sealed class LiveStreamCompressionSpecs : IAsyncLifetime
{
    private const int HostCount = 8;

    private readonly TempDatabase _db = new();
    private RealHub _hub = null!;

    public async Task InitializeAsync()
    {
        var hosts = new HostStore(_db.Database, TimeProvider.System);
        var tokens = Enumerable.Range(0, HostCount).Select(i => hosts.Add($"web-{i}").Token).ToList();
        _hub = await RealHub.StartAsync(_db, new Dictionary<string, string> { ["LUMEN_HUB_STREAM_INTERVAL"] = "1s" });
        foreach (var token in tokens) await _hub.PostFrameAsync(token, "12.5", 0);
    }

    public Task DisposeAsync()
    {
        _hub.Dispose();
        _db.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Messages until one holds every host (bounded): it, and the bytes that carried it.</summary>
    private static async Task<(byte[] Message, long WireBytes)> FrameOfEveryHostAsync(WireStreamClient stream)
    {
        for (var i = 0; i < 5; i++)
        {
            var (message, wire) = await stream.NextMessageAsync();
            if (JsonSerializer.Deserialize(message, LumenJson.LiveSnapshotArray)!.Length == HostCount) return (message, wire);
        }
        throw new TimeoutException($"no frame of {HostCount} hosts among 5");
    }

    [Fact]
    public async Task Stream_should_compress_its_frames_when_the_client_offers_permessage_deflate()
    {
        await using var stream = await WireStreamClient.ConnectAsync(_hub, new WebSocketDeflateOptions());

        var (message, wire) = await FrameOfEveryHostAsync(stream);

        Assert.Contains("permessage-deflate", stream.Extensions);
        Assert.Contains("server_no_context_takeover", stream.Extensions);
        Assert.True(wire < message.Length / 2, $"a frame of {message.Length} bytes took {wire} on the wire");
    }

    [Fact]
    public async Task Stream_should_send_its_frames_as_they_are_when_the_client_does_not_offer_compression()
    {
        await using var stream = await WireStreamClient.ConnectAsync(_hub, deflate: null);

        var (message, wire) = await FrameOfEveryHostAsync(stream);

        Assert.Null(stream.Extensions);
        Assert.True(wire >= message.Length, $"a frame of {message.Length} bytes took {wire} on the wire");
    }
}
