using System.Globalization;
using Lumen.Hub.Hosts;
using Lumen.Hub.Http;
using Lumen.Hub.Settings;

namespace Lumen.Hub.History;

/// <summary>A history request that passed the checks: the host, its name, and the window to read.</summary>
public sealed record HistoryTarget(HostId Host, string Name, HistoryWindow Window);

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
        var (target, refusal) = await ResolveAsync(id, http, store, settings, clock, HistoryWindow.MaxPoints);
        if (target is null) return refusal!;

        var points = await store.ReadAsync(target.Host, target.Window);
        var window = target.Window;
        var metrics = new HostMetrics { Host = target.Name, From = window.From, To = window.To, StepSeconds = window.StepSeconds, Points = points };
        return TypedResults.Json(metrics, HistoryJson.HostMetrics);
    }

    /// <summary>
    /// The checks every history route makes, in this order: the parameters (<c>400</c>, see
    /// <see cref="HistoryWindow.Resolve"/> with <paramref name="maxPoints"/>), then the host (<c>404</c>).
    /// </summary>
    /// <returns>the target, or the refusal to answer.</returns>
    public static async Task<(HistoryTarget? Target, IResult? Refusal)> ResolveAsync(
        string id, HttpContext http, HistoryStore store, SettingsStore settings, TimeProvider clock, int maxPoints)
    {
        var query = http.Request.Query;
        var request = new HistoryRequest(query["from"], query["to"], query["step"]);
        var current = await settings.ReadAsync();
        var (window, error) = HistoryWindow.Resolve(request, clock.GetUtcNow(), HistoryTiers.From(current), maxPoints);
        if (window is null) return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, error!));

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var hostId)
            || await store.HostNameAsync(new HostId(hostId)) is not { } name)
            return (null, ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id '{id}'"));

        return (new HistoryTarget(new HostId(hostId), name, window), null);
    }
}
