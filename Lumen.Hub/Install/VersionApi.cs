using Lumen.Protocol;
using Lumen.Protocol.Json;

namespace Lumen.Hub.Install;

/// <summary>
/// <c>GET /api/version</c> (signed in): the hub's version and the newest agent version it hands
/// out — the <c>VERSION</c> file beside the agent binaries, or else the hub's own version,
/// since hub and agent are released together.
/// </summary>
public static class VersionApi
{
    public static RouteGroupBuilder MapVersionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/version", (AgentBinaries binaries) =>
            TypedResults.Json(new VersionInfo(HubVersion.Current, binaries.Version() ?? HubVersion.Current), LumenJson.VersionInfo));
        return api;
    }
}
