using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Hosts.Tokens;
using Lumen.Hub.Http;

namespace Lumen.Hub.Hosts;

/// <summary>
/// Host administration for the dashboard: list, add (token shown once), rotate, delete, silence
/// (the host actors are told, so the alerts they evaluate follow at once). A host's tags are
/// set through the Tags feature (<c>PUT /api/hosts/{id}/tags</c>), which keeps the inventory.
/// A rotated or deleted token is refused before the answer leaves: the endpoint waits for the
/// hub's token map to reload.
/// </summary>
public static class HostsApi
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapHostsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts", ListAsync);
        api.MapPost("/hosts", AddAsync);
        api.MapDelete("/hosts/{id:long}", DeleteAsync);
        api.MapPost("/hosts/{id:long}/rotate", RotateAsync);
        api.MapPost("/hosts/{id:long}/silence", SilenceAsync);
        api.MapDelete("/hosts/{id:long}/silence", EndSilence);
        api.MapHostProcessesApi();
        return api;
    }

    private static async Task<IResult> ListAsync(HostViews views) =>
        TypedResults.Json(await views.ListAsync(), HostsJsonContext.Default.HostViewArray);

    private static async Task<IResult> AddAsync(HttpContext http, HostStore store, HostViews views, IRequiredActor<TokenDirectoryActor> directory)
    {
        var (body, error) = await JsonBody.ReadAsync(http, HostsJsonContext.Default.NewHostRequest);
        if (error is not null) return error;
        if (HostName.Validate(body!.Name) is { } invalid) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);
        if (store.Find(body.Name!) is not null)
            return ApiErrors.Result(StatusCodes.Status409Conflict, $"a host named '{body.Name}' already exists");

        IssuedToken issued;
        try
        {
            issued = store.Add(body.Name!);
        }
        catch (HostAdminException e)
        {
            // Lost a race with another add of the same name.
            return ApiErrors.Result(StatusCodes.Status409Conflict, e.Message);
        }
        await ReloadTokensAsync(directory);
        var view = await views.FindAsync(issued.Host.Id);
        return TypedResults.Json(new HostWithToken(view!, issued.Token), HostsJsonContext.Default.HostWithToken, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RotateAsync(long id, HostStore store, HostViews views, IRequiredActor<TokenDirectoryActor> directory)
    {
        if (store.Find(new HostId(id)) is not { } host) return NoSuchHost(id);
        var issued = store.Rotate(host);
        await ReloadTokensAsync(directory);
        var view = await views.FindAsync(host.Id);
        return view is null ? NoSuchHost(id) : TypedResults.Json(new HostWithToken(view, issued.Token), HostsJsonContext.Default.HostWithToken);
    }

    private static async Task<IResult> DeleteAsync(long id, HostStore store, IRequiredActor<TokenDirectoryActor> directory)
    {
        if (store.Find(new HostId(id)) is not { } host) return NoSuchHost(id);
        // The token directory notices the host is gone and evicts its actor and live state.
        await Task.Run(() => store.Remove(host));
        await ReloadTokensAsync(directory);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SilenceAsync(long id, HttpContext http, HostStore store, TimeProvider clock, IRequiredActor<HostsActor> hosts)
    {
        var (body, error) = await JsonBody.ReadAsync(http, HostsJsonContext.Default.SilenceRequest);
        if (error is not null) return error;
        var (until, invalid) = HostSilence.Resolve(body!, clock.GetUtcNow());
        if (invalid is not null) return ApiErrors.Result(StatusCodes.Status400BadRequest, invalid);

        if (!store.SetSilence(new HostId(id), until)) return NoSuchHost(id);
        hosts.ActorRef.Tell(new HostCommands.SetSilence(new HostId(id), until));
        return TypedResults.Json(new SilenceView(until?.UtcDateTime), HostsJsonContext.Default.SilenceView);
    }

    private static IResult EndSilence(long id, HostStore store, IRequiredActor<HostsActor> hosts)
    {
        if (!store.SetSilence(new HostId(id), null)) return NoSuchHost(id);
        hosts.ActorRef.Tell(new HostCommands.SetSilence(new HostId(id), null));
        return TypedResults.NoContent();
    }

    private static async Task ReloadTokensAsync(IRequiredActor<TokenDirectoryActor> directory) =>
        await directory.ActorRef.Ask<TokenDirectoryActor.Reloaded>(TokenDirectoryActor.Reload.Instance, ReloadWait);

    private static IResult NoSuchHost(long id) => ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id {id}");
}
