using Akka.Actor;
using Lumen.Hub.Http;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;

namespace Lumen.Hub.Notifications.Channels;

/// <summary>
/// <c>/api/alerts/channels</c>: the Go hub's routes and fields. A body is checked whole before
/// anything is written (a 400 names the field); secrets read as the mask; a write reaches the
/// channels' senders at once.
/// </summary>
public static class ChannelsApi
{
    /// <summary>How long the Test button waits for the far end (the Go hub's 12 s).</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(12);

    public static RouteGroupBuilder MapChannelsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/channels", (ChannelStore store, NotificationSenders senders) =>
            TypedResults.Json(store.List().Select(c => View(c, senders)).ToArray(), NotificationsJsonContext.Default.ChannelViewArray));
        api.MapPost("/alerts/channels", CreateAsync);
        api.MapPut("/alerts/channels/{id:long}", UpdateAsync);
        api.MapDelete("/alerts/channels/{id:long}", Delete);
        api.MapPost("/alerts/channels/{id:long}/test", TestAsync);
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ChannelStore store, NotificationSenders senders, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, NotificationsJsonContext.Default.ChannelBody);
        if (error is not null) return error;
        var (channel, invalid) = ChannelCheck.Check(body!, null, senders);
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        var created = store.Create(channel!);
        system.EventStream.Publish(NotificationChannelsChanged.Instance);
        return TypedResults.Json(View(created, senders), NotificationsJsonContext.Default.ChannelView, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext http, ChannelStore store, NotificationSenders senders, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, NotificationsJsonContext.Default.ChannelBody);
        if (error is not null) return error;
        if (store.Find(id) is not { } stored) return NoSuchChannel();
        var (channel, invalid) = ChannelCheck.Check(body!, stored, senders);
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        if (!store.Update(channel!)) return NoSuchChannel();
        system.EventStream.Publish(NotificationChannelsChanged.Instance);
        return TypedResults.Json(View(store.Find(id)!, senders), NotificationsJsonContext.Default.ChannelView);
    }

    private static IResult Delete(long id, ChannelStore store, ActorSystem system)
    {
        if (!store.Delete(id)) return NoSuchChannel();
        system.EventStream.Publish(NotificationChannelsChanged.Instance);
        return TypedResults.NoContent();
    }

    /// <summary>Sends a made-up alert through the channel at once, enabled or not, and says how it went; nothing is logged.</summary>
    private static async Task<IResult> TestAsync(long id, ChannelStore store, NotificationSenders senders, HttpContext http)
    {
        if (store.Find(id) is not { } channel) return NoSuchChannel();
        if (senders.Find(channel.Type) is not { } sender)
            return Test(false, $"{channel.Type}: this hub has no sender for the type");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        timeout.CancelAfter(TestTimeout);
        var message = new OutgoingMessage($"test-{Guid.NewGuid():N}", [TestNotification.Make(store.Now)]) { IsTest = true };
        var result = await sender.SendAsync(channel, message, timeout.Token);
        return Test(result.Ok, result.Ok ? null : result.Error);
    }

    private static IResult Test(bool ok, string? error) => TypedResults.Json(new ChannelTestResult(ok, error),
        NotificationsJsonContext.Default.ChannelTestResult, statusCode: ok ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);

    private static ChannelView View(NotificationChannel channel, NotificationSenders senders) =>
        ChannelView.Of(channel, senders.Find(channel.Type)?.SecretFields ?? []);

    private static IResult NoSuchChannel() => ApiErrors.Result(StatusCodes.Status404NotFound, "channel not found");
}

/// <summary>Published when a channel is added, changed or removed: the senders take the change at once.</summary>
public sealed class NotificationChannelsChanged
{
    public static readonly NotificationChannelsChanged Instance = new();
}
