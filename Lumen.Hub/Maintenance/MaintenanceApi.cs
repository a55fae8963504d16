using Akka.Actor;
using Lumen.Hub.Http;
using Lumen.Protocol;

namespace Lumen.Hub.Maintenance;

/// <summary>
/// Maintenance windows, on the Go hub's routes: list (by state), add, replace, delete. Every
/// write is announced with <see cref="MaintenanceWindowsChanged"/> so the alert engine reloads.
/// </summary>
public static class MaintenanceApi
{
    /// <summary>The Go hub's cap on ended windows in a list: they pile up, and the newest matter.</summary>
    public const int MaxPastWindows = 200;

    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/maintenance", List);
        api.MapPost("/maintenance", AddAsync);
        api.MapPut("/maintenance/{id:long}", ReplaceAsync);
        api.MapDelete("/maintenance/{id:long}", Delete);
        return api;
    }

    private static IResult List(string? state, MaintenanceStore store, TimeProvider clock)
    {
        if (!MaintenanceText.TryState(state, out var wanted))
            return ApiErrors.Result(StatusCodes.Status400BadRequest, "state must be active, upcoming, past or all");
        var now = clock.GetUtcNow();
        var windows = MaintenanceSchedule.List(store.LoadAll(), now, wanted, MaxPastWindows);
        return TypedResults.Json(new MaintenanceList(windows.Select(MaintenanceWindowView.From).ToList()), MaintenanceJsonContext.Default.MaintenanceList);
    }

    private static async Task<IResult> AddAsync(HttpContext http, MaintenanceStore store, TimeProvider clock, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, MaintenanceJsonContext.Default.MaintenanceRequest);
        if (error is not null) return error;
        var (draft, invalid) = MaintenanceDraft.Check(body!, clock.GetUtcNow());
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);

        var added = store.Add(draft!);
        system.EventStream.Publish(MaintenanceWindowsChanged.Instance);
        return TypedResults.Json(new MaintenanceCreated(added.Id), MaintenanceJsonContext.Default.MaintenanceCreated, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceAsync(long id, HttpContext http, MaintenanceStore store, TimeProvider clock, ActorSystem system)
    {
        var (body, error) = await JsonBody.ReadAsync(http, MaintenanceJsonContext.Default.MaintenanceRequest);
        if (error is not null) return error;
        var now = clock.GetUtcNow();
        var (draft, invalid) = MaintenanceDraft.Check(body!, now);
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        if (store.Find(id) is not { } stored) return NoSuchWindow(id);
        // As the Go hub: a window that has begun keeps its start (what it suppressed stays
        // explained); its end can always move.
        if (draft!.StartAt != stored.StartAt && now >= stored.StartAt)
            return ApiErrors.Result(StatusCodes.Status409Conflict,
                $"start_at cannot change: the window started at {Rfc3339TimestampConverter.Format(stored.StartAt)}; change end_at, or delete it and add a new one");

        if (!store.Replace(draft with { Id = id })) return NoSuchWindow(id);
        system.EventStream.Publish(MaintenanceWindowsChanged.Instance);
        return TypedResults.Json(MaintenanceOk.Instance, MaintenanceJsonContext.Default.MaintenanceOk);
    }

    // The Go hub answers 200 for an id it does not have; a 404 tells a script its id was stale.
    private static IResult Delete(long id, MaintenanceStore store, ActorSystem system)
    {
        if (!store.Delete(id)) return NoSuchWindow(id);
        system.EventStream.Publish(MaintenanceWindowsChanged.Instance);
        return TypedResults.Json(MaintenanceOk.Instance, MaintenanceJsonContext.Default.MaintenanceOk);
    }

    private static IResult NoSuchWindow(long id) => ApiErrors.Result(StatusCodes.Status404NotFound, $"no maintenance window with id {id}");
}
