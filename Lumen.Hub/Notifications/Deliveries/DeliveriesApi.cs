using Akka.Actor;
using Lumen.Hub.Http;

namespace Lumen.Hub.Notifications.Deliveries;

/// <summary>
/// <c>/api/alerts/deliveries</c>: the delivery log with the Go hub's filters (and <c>event_id</c>),
/// and <c>POST …/{id}/retry</c>, which sends a failed or dropped row again from its first attempt.
/// </summary>
public static class DeliveriesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 2000;

    public static RouteGroupBuilder MapDeliveriesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/deliveries", List);
        api.MapPost("/alerts/deliveries/{id:long}/retry", Retry);
        return api;
    }

    private static IResult List(HttpRequest request, DeliveryLog log)
    {
        var query = request.Query;
        long? channel = null, eventId = null;
        if (query["channel_id"].ToString() is { Length: > 0 } channelText)
        {
            if (!long.TryParse(channelText, out var parsed)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "channel_id: must be a whole number");
            channel = parsed;
        }
        if (query["event_id"].ToString() is { Length: > 0 } eventText)
        {
            if (!long.TryParse(eventText, out var parsed)) return ApiErrors.Result(StatusCodes.Status400BadRequest, "event_id: must be a whole number");
            eventId = parsed;
        }
        // As the Go hub: a limit that is not a number from 1 to 2000 is the default.
        var limit = int.TryParse(query["limit"], out var asked) && asked is > 0 and <= MaxLimit ? asked : DefaultLimit;
        var filter = new DeliveryFilter(query["status"].ToString().Trim(), channel, query["severity"].ToString().Trim(), eventId, limit);
        return TypedResults.Json(log.List(filter).ToArray(), NotificationsJsonContext.Default.DeliveryViewArray);
    }

    private static IResult Retry(long id, DeliveryStore store, ActorSystem system)
    {
        if (store.Retry(id) is not { } channel)
            return ApiErrors.Result(StatusCodes.Status404NotFound, "no failed/dropped delivery with that id");
        system.EventStream.Publish(new DeliveryRequeued(channel));
        return TypedResults.Json(new DeliveryRetried(DeliveryStatus.Pending), NotificationsJsonContext.Default.DeliveryRetried);
    }
}
