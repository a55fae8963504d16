using Lumen.Hub.Http;

namespace Lumen.Hub.Install;

/// <summary>
/// What a fresh machine fetches with curl, without a session: <c>GET /install.sh</c> (the
/// installer, this hub's address filled in) and <c>GET /install/lumen-agent-linux-{amd64,arm64}</c>
/// (the agent binaries, streamed from <c>LUMEN_HUB_INSTALL_DIR</c>).
/// </summary>
public static class InstallApi
{
    private static readonly string[] GetOrHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapInstallApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/install.sh", GetOrHead, ServeScript);
        // A catch-all, so every other name under /install/ gets the same JSON 404 as a missing binary.
        app.MapMethods("/install/{**name}", GetOrHead, ServeBinary);
        return app;
    }

    private static IResult ServeScript(HttpContext http, InstallOptions options)
    {
        var address = options.PublicUrl ?? HubAddress.FromRequest(http.Request);
        if (address is null)
            return ApiErrors.Result(StatusCodes.Status400BadRequest,
                "the Host header is not a plain host name or IP address with an optional port; set LUMEN_HUB_PUBLIC_URL to the address agents should use");
        // The script names the address it was asked under, so a cache must not share it across Host headers.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Text(InstallScript.Render(address), "text/x-shellscript; charset=utf-8");
    }

    private static IResult ServeBinary(string? name, AgentBinaries binaries)
    {
        if (!AgentBinaries.Names.Contains(name, StringComparer.Ordinal))
            return ApiErrors.Result(StatusCodes.Status404NotFound, $"no such file; the hub serves {string.Join(" and ", AgentBinaries.Names.Select(n => "/install/" + n))}");
        if (binaries.Find(name) is not { } file)
            return ApiErrors.Result(StatusCodes.Status404NotFound,
                $"this hub has no agent binary {name}: put {string.Join(" and ", AgentBinaries.Names)} from a Lumen release in {binaries.Folder}, or point LUMEN_HUB_INSTALL_DIR at the folder holding them");
        // Streamed from disk with its length; never read into memory.
        return TypedResults.PhysicalFile(file.FullName, "application/octet-stream", lastModified: file.LastWriteTimeUtc);
    }
}
