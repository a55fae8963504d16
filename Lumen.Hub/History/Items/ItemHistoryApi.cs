using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Lumen.Hub.Hosts;
using Lumen.Hub.Http;
using Lumen.Hub.Settings;

namespace Lumen.Hub.History.Items;

/// <summary>
/// <c>GET /api/hosts/{id}/containers/metrics</c>, <c>…/gpus/metrics</c>, <c>…/disks/metrics</c>,
/// <c>…/nics/metrics</c> and <c>…/filesystems/metrics</c>: a host's item history per step of whole buckets (<see cref="ItemHistoryWindow"/>),
/// with the host route's rules and answers: <c>400</c> names the parameter at fault, <c>404</c>
/// an unknown host (checked after the parameters).
/// </summary>
public static class ItemHistoryApi
{
    public static RouteGroupBuilder MapItemHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{id}/containers/metrics", HandleContainersAsync);
        api.MapGet("/hosts/{id}/gpus/metrics", HandleGpusAsync);
        api.MapGet("/hosts/{id}/disks/metrics", HandleDisksAsync);
        api.MapGet("/hosts/{id}/nics/metrics", HandleNicsAsync);
        api.MapGet("/hosts/{id}/filesystems/metrics", HandleFilesystemsAsync);
        return api;
    }

    private sealed record Target(HostId Host, string Name, HistoryWindow Window);

    private static Task<IResult> HandleContainersAsync(string id, HttpContext http, HistoryStore hosts, ItemHistoryStore items, SettingsStore settings, TimeProvider clock) =>
        AnswerAsync(id, http, hosts, settings, clock, items.ReadContainers, (target, containers) => new ContainerMetrics
        {
            Host = target.Name, From = target.Window.From, To = target.Window.To, StepSeconds = target.Window.StepSeconds, Containers = containers,
        }, ItemHistoryJson.ContainerMetrics);

    private static Task<IResult> HandleGpusAsync(string id, HttpContext http, HistoryStore hosts, ItemHistoryStore items, SettingsStore settings, TimeProvider clock) =>
        AnswerAsync(id, http, hosts, settings, clock, items.ReadGpus, (target, gpus) => new GpuMetrics
        {
            Host = target.Name, From = target.Window.From, To = target.Window.To, StepSeconds = target.Window.StepSeconds, Gpus = gpus,
        }, ItemHistoryJson.GpuMetrics);

    private static Task<IResult> HandleDisksAsync(string id, HttpContext http, HistoryStore hosts, ItemHistoryStore items, SettingsStore settings, TimeProvider clock) =>
        AnswerAsync(id, http, hosts, settings, clock, items.ReadDisks, (target, disks) => new DiskMetrics
        {
            Host = target.Name, From = target.Window.From, To = target.Window.To, StepSeconds = target.Window.StepSeconds, Disks = disks,
        }, ItemHistoryJson.DiskMetrics);

    private static Task<IResult> HandleNicsAsync(string id, HttpContext http, HistoryStore hosts, ItemHistoryStore items, SettingsStore settings, TimeProvider clock) =>
        AnswerAsync(id, http, hosts, settings, clock, items.ReadNics, (target, nics) => new NicMetrics
        {
            Host = target.Name, From = target.Window.From, To = target.Window.To, StepSeconds = target.Window.StepSeconds, Nics = nics,
        }, ItemHistoryJson.NicMetrics);

    private static Task<IResult> HandleFilesystemsAsync(string id, HttpContext http, HistoryStore hosts, ItemHistoryStore items, SettingsStore settings, TimeProvider clock) =>
        AnswerAsync(id, http, hosts, settings, clock, items.ReadFilesystems, (target, filesystems) => new FilesystemMetrics
        {
            Host = target.Name, From = target.Window.From, To = target.Window.To, StepSeconds = target.Window.StepSeconds, Filesystems = filesystems,
        }, ItemHistoryJson.FilesystemMetrics);

    /// <summary>Every item route's steps: the window and host (or the refusal), the read off the request thread, the answer.</summary>
    private static async Task<IResult> AnswerAsync<TSeries, TAnswer>(string id, HttpContext http, HistoryStore hosts, SettingsStore settings, TimeProvider clock,
        Func<HostId, HistoryWindow, IReadOnlyList<TSeries>> read, Func<Target, IReadOnlyList<TSeries>, TAnswer> shape, JsonTypeInfo<TAnswer> json)
    {
        var (target, refusal) = await ResolveAsync(id, http, hosts, settings, clock);
        if (target is null) return refusal!;
        var series = await Task.Run(() => read(target.Host, target.Window));
        return TypedResults.Json(shape(target, series), json);
    }

    private static async Task<(Target? Target, IResult? Refusal)> ResolveAsync(string id, HttpContext http, HistoryStore hosts, SettingsStore settings, TimeProvider clock)
    {
        var query = http.Request.Query;
        var request = new HistoryRequest(query["from"], query["to"], query["step"]);
        var (window, error) = ItemHistoryWindow.Resolve(request, clock.GetUtcNow(), HistoryTiers.From(await settings.ReadAsync()));
        if (window is null) return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, error!));

        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var hostId)
            || await hosts.HostNameAsync(new HostId(hostId)) is not { } name)
            return (null, ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id '{id}'"));
        return (new Target(new HostId(hostId), name, window), null);
    }
}
