using Lumen.Hub.Http;
using Lumen.Hub.Notifications.Channels;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The Go hub's web push routes: the VAPID public key a browser subscribes with, the subject,
/// and a channel's subscriptions. Unlike the Go hub, a subscription is checked before it is
/// stored: a usable endpoint and keys, and a channel that exists and is of type web_push.
/// </summary>
public static class WebPushApi
{
    /// <summary>A name for the browser ("Pixel 8", "work laptop"), shown beside the subscription.</summary>
    public const int MaxLabelLength = 128;

    public static RouteGroupBuilder MapWebPushApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/web-push/vapid-public-key", (VapidKeyStore keys) =>
            TypedResults.Json(new VapidPublicKeyView(keys.Current.PublicKeyText, keys.Current.Subject), WebPushJsonContext.Default.VapidPublicKeyView));
        api.MapPut("/alerts/web-push/subject", SetSubjectAsync);
        api.MapPost("/alerts/web-push/subscribe", SubscribeAsync);
        api.MapGet("/alerts/channels/{id:long}/web-push/subscriptions", List);
        api.MapDelete("/alerts/web-push/subscriptions/{id:long}", (long id, WebPushSubscriptionStore store) =>
            store.Delete(id) ? Results.NoContent() : ApiErrors.Result(StatusCodes.Status404NotFound, "subscription not found"));
        return api;
    }

    private static async Task<IResult> SetSubjectAsync(HttpContext http, VapidKeyStore keys)
    {
        var (body, error) = await JsonBody.ReadAsync(http, WebPushJsonContext.Default.VapidSubjectRequest);
        if (error is not null) return error;
        var (subject, invalid) = VapidSubject.Check(body!.Subject);
        if (invalid is not null) return BadRequest(invalid);
        keys.SetSubject(subject);
        return Results.NoContent();
    }

    private static async Task<IResult> SubscribeAsync(HttpContext http, WebPushSubscriptionStore store, ChannelStore channels)
    {
        var (read, error) = await JsonBody.ReadAsync(http, WebPushJsonContext.Default.WebPushSubscribeRequest);
        if (error is not null) return error;
        var body = read!;
        if (Check(body) is { } invalid) return BadRequest(invalid);

        var channelId = body.ChannelId!.Value;
        switch (channels.Find(channelId))
        {
            case null: return NoSuchChannel(channelId);
            case { Type: not ChannelTypes.WebPush } other: return BadRequest($"channel_id: channel {channelId} is of type {other.Type}; browsers subscribe to a web_push channel");
        }
        var subscription = store.Upsert(channelId, body.Endpoint!.Trim(), body.P256dh!.Trim(), body.Auth!.Trim(), body.Label?.Trim() ?? "");
        return TypedResults.Json(WebPushSubscriptionView.Of(subscription), WebPushJsonContext.Default.WebPushSubscriptionView);
    }

    /// <summary>The first field that is missing or wrong, named as in the body; null when all are usable.</summary>
    private static string? Check(WebPushSubscribeRequest body)
    {
        if (body.ChannelId is not > 0) return "channel_id is required: the id of a web_push channel";
        if (string.IsNullOrWhiteSpace(body.Endpoint)) return "endpoint is required: the push service address from the browser's subscription";
        if (!PushEndpoint.TryParse(body.Endpoint, out _)) return $"endpoint {PushEndpoint.Rule}";
        if (string.IsNullOrWhiteSpace(body.P256dh)) return "p256dh is required: the browser's public key, keys.p256dh of its subscription";
        if (!P256Keys.TryDecode(body.P256dh, out var point)) return "p256dh must be base64url";
        if (P256Keys.CheckPublicKey(point) is { } badKey) return $"p256dh {badKey}";
        if (string.IsNullOrWhiteSpace(body.Auth)) return "auth is required: the browser's secret, keys.auth of its subscription";
        if (!P256Keys.TryDecode(body.Auth, out var auth) || auth.Length != PushMessageEncryption.AuthSecretLength)
            return $"auth must be base64url of {PushMessageEncryption.AuthSecretLength} bytes";
        if (body.Label?.Trim().Length > MaxLabelLength) return $"label must be at most {MaxLabelLength} characters";
        return null;
    }

    private static IResult List(long id, WebPushSubscriptionStore store, ChannelStore channels) =>
        channels.Find(id) is null
            ? NoSuchChannel(id)
            : TypedResults.Json(store.ListByChannel(id).Select(WebPushSubscriptionView.Of).ToList(), WebPushJsonContext.Default.IReadOnlyListWebPushSubscriptionView);

    private static IResult BadRequest(string message) => ApiErrors.Result(StatusCodes.Status400BadRequest, message);

    private static IResult NoSuchChannel(long id) => ApiErrors.Result(StatusCodes.Status404NotFound, $"channel not found: no channel with id {id}");
}
