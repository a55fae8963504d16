namespace Lumen.Hub.Http;

/// <summary><c>GET /healthz</c>: the process is up and serving.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("""{"status":"ok"}""", "application/json"));
        return app;
    }
}
