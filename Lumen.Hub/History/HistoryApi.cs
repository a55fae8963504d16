using System.Globalization;
using Lumen.Hub.Hosts;
using Lumen.Hub.Http;
using Lumen.Hub.Settings;

namespace Lumen.Hub.History;

/// <summary>
/// <c>GET /api/hosts/{id}/metrics?from&amp;to&amp;step</c>: a host's stored history as averages
/// (with lowest and highest samples) per bucket (rules in <see cref="HistoryWindow.Resolve"/>). <c>400</c> names the parameter at
/// fault, <c>404</c> an unknown host.
/// </summary>
public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{id}/metrics", HandleAsync);
        return api;
    }

    private static async Task<IResult> HandleAsync(string id, HttpContext http, HistoryStore store, SettingsStore settings, TimeProvider clock)
    {
        var query = http.Request.Query;
        var request = new HistoryRequest(query["from"], query["to"], query["step"]);
        var current = await settings.ReadAsync();
        var (window, error) = HistoryWindow.Resolve(request, clock.GetUtcNow(), HistoryTiers.From(current));
        if (window is null) return ApiErrors.Result(StatusCodes.Status400BadRequest, error!);

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var hostId)
            || await store.HostNameAsync(new HostId(hostId)) is not { } name)
            return ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id '{id}'");

        var points = await store.ReadAsync(new HostId(hostId), window);
        var metrics = new HostMetrics { Host = name, From = window.From, To = window.To, StepSeconds = window.StepSeconds, Points = points };
        return TypedResults.Json(metrics, HistoryJson.HostMetrics);
    }
}
