using System.Text.Json;
using Lumen.Protocol;
using Lumen.Protocol.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Lumen.Hub.Http;

/// <summary>Every 4xx/5xx under /api/ is <c>{"error":"…"}</c>, one message naming what was wrong.</summary>
public static class ApiErrors
{
    public static async Task WriteAsync(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(http.Response.Body, new ApiError(message), LumenJson.ApiError);
    }

    public static IResult Result(int status, string message) =>
        TypedResults.Json(new ApiError(message), LumenJson.ApiError, statusCode: status);

    /// <summary>
    /// Gives bodiless error responses under /api/ (unknown route, wrong method, a crash) the
    /// same JSON shape, so scripts never have to parse HTML or an empty body.
    /// </summary>
    public static WebApplication UseJsonApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(http =>
        {
            if (http.Features.Get<IExceptionHandlerFeature>()?.Error is ServiceBusyException busy)
            {
                http.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return WriteAsync(http, StatusCodes.Status503ServiceUnavailable, busy.Message);
            }
            return WriteAsync(http, StatusCodes.Status500InternalServerError, "internal error; the hub log has the details");
        }));
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!http.Request.Path.StartsWithSegments("/api")) return;
            var message = http.Response.StatusCode switch
            {
                404 => $"no such endpoint: {http.Request.Method} {http.Request.Path}",
                405 => $"{http.Request.Method} is not allowed on {http.Request.Path}",
                413 => "request body is too large",
                _ => $"request failed with status {http.Response.StatusCode}",
            };
            await WriteAsync(http, http.Response.StatusCode, message);
        });
        return app;
    }
}
