namespace Lumen.Hub.Alerts.Events;

/// <summary>
/// <c>GET /api/alerts/events?state=firing|resolved|all&amp;limit=&amp;host_id=</c>: the Go hub's
/// query and shape (an unknown state means all; a limit that is not 1–2000 means 100), and
/// <c>host_id</c> for one host's.
/// </summary>
public static class AlertEventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 2000;

    public static RouteGroupBuilder MapAlertEventsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/events", (HttpContext http, AlertEventStore store) =>
        {
            var query = http.Request.Query;
            var limit = int.TryParse(query["limit"], out var asked) && asked is > 0 and <= MaxLimit ? asked : DefaultLimit;
            long? host = long.TryParse(query["host_id"], out var id) ? id : null;
            return TypedResults.Json(store.List(query["state"].ToString(), limit, host).ToArray(), AlertsJsonContext.Default.AlertEventViewArray);
        });
        return api;
    }
}
