using Lumen.Hub.Settings;

namespace Lumen.Hub.History.Export;

/// <summary>
/// <c>GET /api/hosts/{id}/metrics.csv</c> and <c>/metrics.parquet</c>: the points the JSON
/// route answers, as a file to take away. Same parameters, rules and refusals (see
/// <see cref="HistoryApi.ResolveAsync"/>), but up to <see cref="MaxRows"/> rows, every row
/// with every column (<see cref="ExportColumns"/>), streamed a slice at a time (<see cref="ExportPoints"/>).
/// </summary>
public static class HistoryExportApi
{
    /// <summary>
    /// Fifty times a chart's cap: a day of the native 5 s rows (17,280) comes out whole, a week
    /// at 5 s (120,960) is raised to 10 s where raw rows are kept that long, a year of 5-minute
    /// buckets (105,120) to 10 m. At most some 36 MB of CSV (measured: 100,000 rows, 36.3 MB), streamed.
    /// </summary>
    public const int MaxRows = 100_000;

    public static RouteGroupBuilder MapHistoryExport(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{id}/metrics.csv", (string id, HttpContext http, HistoryStore store, SettingsStore settings, TimeProvider clock) =>
            ExportAsync(id, http, store, settings, clock, Csv));
        api.MapGet("/hosts/{id}/metrics.parquet", (string id, HttpContext http, HistoryStore store, SettingsStore settings, TimeProvider clock) =>
            ExportAsync(id, http, store, settings, clock, Parquet));
        return api;
    }

    private sealed record Format(string Extension, string ContentType, Func<HttpContext, IAsyncEnumerable<MetricsPoint>, Task> WriteAsync);

    private static readonly Format Csv = new("csv", HistoryCsv.ContentType,
        (http, points) => HistoryCsv.WriteAsync(http.Response.BodyWriter, points, http.RequestAborted));

    private static readonly Format Parquet = new("parquet", HistoryParquet.ContentType,
        (http, points) => HistoryParquet.WriteAsync(http.Response.Body, points, http.RequestAborted));

    private static async Task<IResult> ExportAsync(string id, HttpContext http, HistoryStore store, SettingsStore settings, TimeProvider clock, Format format)
    {
        var (target, refusal) = await HistoryApi.ResolveAsync(id, http, store, settings, clock, MaxRows);
        return target is null ? refusal! : new Download(target, format, store);
    }

    /// <summary>Headers first, then the rows as they are read: a refusal can no longer happen once this runs.</summary>
    private sealed class Download(HistoryTarget target, Format format, HistoryStore store) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = format.ContentType;
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportFileName.For(target.Name, target.Window, format.Extension)}\"";
            http.Response.Headers.CacheControl = "no-store";
            return format.WriteAsync(http, ExportPoints.ReadAsync(store, target.Host, target.Window, http.RequestAborted));
        }
    }
}
