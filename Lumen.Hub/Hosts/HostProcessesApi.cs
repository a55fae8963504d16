using Akka.Actor;
using Akka.Hosting;
using Lumen.Hub.Http;

namespace Lumen.Hub.Hosts;

/// <summary>
/// <c>GET /api/hosts/{id}/processes</c>: the busiest processes the host's latest frame listed,
/// asked of its host actor. Live only: the hub never stores them, and a frame without them
/// (processes switched off) leaves none to show.
/// </summary>
public static class HostProcessesApi
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapHostProcessesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{id:long}/processes", GetAsync);
        return api;
    }

    private static async Task<IResult> GetAsync(long id, HostStore store, IRequiredActor<HostsActor> hosts)
    {
        if (store.Find(new HostId(id)) is null) return ApiErrors.Result(StatusCodes.Status404NotFound, $"no host with id {id}");
        var view = await hosts.ActorRef.Ask<HostProcessesView>(new HostQueries.GetProcesses(new HostId(id)), AskTimeout);
        var rows = Array.ConvertAll(view.Processes, p => new ProcessRow(p.Pid, p.Name, p.User, p.CpuPct, p.RssMb, p.Cmd));
        return TypedResults.Json(new HostProcessesAnswer(id, view.Ts?.UtcDateTime, rows), HostsJsonContext.Default.HostProcessesAnswer);
    }
}

/// <summary>Answer of <c>GET /api/hosts/{id}/processes</c>: <paramref name="Ts"/> is the frame's, null with no processes.</summary>
public sealed record HostProcessesAnswer(long HostId, DateTime? Ts, ProcessRow[] Processes);

/// <summary>One process as the agent sent it: CPU in % of one core (as top), resident memory in MiB, the command line redacted by the agent.</summary>
public sealed record ProcessRow(int Pid, string Name, string User, double CpuPct, double RssMb, string Cmd);
