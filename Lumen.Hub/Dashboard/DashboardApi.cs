using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Lumen.Hub.Dashboard;

/// <summary>
/// Serves the dashboard (Lumen.Web's <c>dist/</c>, embedded into this assembly by
/// <c>Lumen.Web.targets</c>) at <c>/</c>. Hashed files under <c>/assets/</c> are cached for a
/// year; <c>index.html</c> is revalidated every time, so a new hub build reaches browsers at
/// once. A GET of one of the dashboard's own routes (<see cref="ClientRoutes"/>) that no
/// endpoint claimed gets <c>index.html</c>, so a reload or a shared link works; anything else
/// keeps its 404 (JSON under <c>/api</c>), so <c>/api/*</c>, <c>/healthz</c>, the installer's
/// paths and a stale asset's name are never answered with the page.
/// </summary>
public static class DashboardApi
{
    /// <summary>Where the embedded files manifest puts the dashboard.</summary>
    private const string Root = "dashboard";

    private const string ManifestName = "Microsoft.Extensions.FileProviders.Embedded.Manifest.xml";

    /// <summary>
    /// The paths the dashboard's router owns (Lumen.Web/src/lib/router.ts): the exact page and
    /// everything below it. A new page there needs its prefix here.
    /// </summary>
    private static readonly string[] ClientRoutes = ["/login", "/settings", "/hosts", "/alerts"];

    /// <summary>Call after authentication and before the endpoints are mapped: it only acts when no endpoint matched.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = EmbeddedFiles(typeof(DashboardApi).Assembly);
        var index = files is null ? null : ReadAll(files.GetFileInfo("index.html"));
        if (files is not null)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = CacheControl(context.Context.Request.Path),
            });
        }
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is not null || !IsClientRoute(http.Request)) await next(http);
            else await ServeIndexAsync(http, index);
        });
        return app;
    }

    /// <summary>A GET or HEAD for a path the dashboard's router owns.</summary>
    public static bool IsClientRoute(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var path = request.Path;
        if (!path.HasValue || path.Value == "/") return true;
        // A dotted name is a file: a missing /hosts/app.js must stay a 404, not HTML under a script's name.
        if (path.Value.Contains('.')) return false;
        return ClientRoutes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.Ordinal));
    }

    private static string CacheControl(PathString path) =>
        path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";

    private static async Task ServeIndexAsync(HttpContext http, byte[]? index)
    {
        http.Response.Headers.CacheControl = "no-cache";
        if (index is null)
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("This hub was built without its dashboard (LumenSkipWeb=true); the API under /api works.");
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.ContentLength = index.Length;
        if (HttpMethods.IsGet(http.Request.Method)) await http.Response.Body.WriteAsync(index);
    }

    /// <summary>The embedded dashboard, or null when the hub was built without it.</summary>
    private static IFileProvider? EmbeddedFiles(Assembly assembly)
    {
        if (!assembly.GetManifestResourceNames().Contains(ManifestName)) return null;
        var files = new ManifestEmbeddedFileProvider(assembly, Root);
        return files.GetFileInfo("index.html").Exists ? files : null;
    }

    private static byte[]? ReadAll(IFileInfo file)
    {
        if (!file.Exists) return null;
        using var stream = file.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
