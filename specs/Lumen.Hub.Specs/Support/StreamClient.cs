using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Lumen.Protocol.Json;
using Lumen.Protocol.Live;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Lumen.Hub.Specs.Support;

/// <summary>A browser's side of <c>GET /api/stream</c> against the in-process hub.</summary>
public sealed class StreamClient(WebSocket socket) : IAsyncDisposable
{
    public const string HubOrigin = "http://localhost";

    public WebSocket Socket { get; } = socket;

    /// <summary>Opens the stream with the given Origin (none when null), signed in as the admin unless told otherwise.</summary>
    public static async Task<StreamClient> ConnectAsync(HubFactory hub, string? origin = HubOrigin, bool signedIn = true)
    {
        var cookie = signedIn ? await SessionCookieAsync(hub) : null;
        var client = hub.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (origin is not null) request.Headers.Origin = origin;
            if (cookie is not null) request.Headers.Cookie = cookie;
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return new StreamClient(await client.ConnectAsync(new Uri("ws://localhost/api/stream"), timeout.Token));
    }

    /// <summary>
    /// The <c>Cookie</c> header a signed-in browser sends: the WebSocket client has no cookie
    /// jar, so the session is taken from a sign-in's <c>Set-Cookie</c>.
    /// </summary>
    public static async Task<string> SessionCookieAsync(HubFactory hub)
    {
        await hub.SignedInClientAsync(); // registers the admin on first use
        var client = hub.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var response = await client.PostAsync("/api/login", JsonContent.Create(new { username = HubFactory.AdminUsername, password = HubFactory.AdminPassword }));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lumen_session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>The status code of a refused handshake.</summary>
    public static async Task<int> RefusedStatusAsync(HubFactory hub, string? origin = HubOrigin, bool signedIn = true)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectAsync(hub, origin, signedIn));
        var status = refused.Message.Split(' ').Last();
        return int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SendTextAsync(string text) =>
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next whole message, or a TimeoutException.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Data, WebSocketCloseStatus? CloseStatus)> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var data = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, cancel.Token);
                data.Write(buffer, 0, result.Count);
                if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
                    return (result.MessageType, data.ToArray(), result.CloseStatus);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no stream message within the timeout");
        }
    }

    /// <summary>The next frame, parsed.</summary>
    public async Task<LiveSnapshot[]> NextFrameAsync()
    {
        var (type, data, _) = await ReceiveAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return JsonSerializer.Deserialize(data, LumenJson.LiveSnapshotArray)!;
    }

    /// <summary>Frames until one satisfies <paramref name="condition"/> (bounded), which is returned.</summary>
    public async Task<LiveSnapshot[]> FrameWhereAsync(Func<LiveSnapshot[], bool> condition, int maxFrames = 5)
    {
        for (var i = 0; i < maxFrames; i++)
        {
            var frame = await NextFrameAsync();
            if (condition(frame)) return frame;
        }
        throw new TimeoutException($"none of {maxFrames} frames was the one expected");
    }

    /// <summary>Messages until the close (bounded), which is returned.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Data, WebSocketCloseStatus? CloseStatus)> ReceiveUntilCloseAsync(int maxMessages = 5)
    {
        for (var i = 0; i < maxMessages; i++)
        {
            var message = await ReceiveAsync();
            if (message.Type == WebSocketMessageType.Close) return message;
        }
        throw new TimeoutException($"no close among {maxMessages} messages");
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token); }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        }
        Socket.Dispose();
    }
}
