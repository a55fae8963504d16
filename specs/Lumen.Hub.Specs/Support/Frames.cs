using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Lumen.Protocol.Ingest;
using Lumen.Protocol.Metrics;

namespace Lumen.Hub.Specs.Support;

/// <summary>Valid ingest frames for specs: as JSON bodies an agent sends, and as objects.</summary>
public static class Frames
{
    /// <summary>
    /// A recent whole second: frames must fall inside the retention window, or the hub's
    /// first retention sweep (right at start) deletes them.
    /// </summary>
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600);

    /// <summary>A valid frame taken <paramref name="second"/> seconds after <see cref="Start"/>.</summary>
    public static string Json(int second = 0, string host = "whatever-the-agent-says", string cpuPct = "12.5") =>
        $$"""
        {"host":"{{host}}","ts":"{{Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}",
         "cpu_pct":{{cpuPct}},"ram_pct":40.2,"swap_pct":0,"disk_pct":71.9,"load1":0.05,"load5":0.1,"load15":0.08,
         "net_rx_bps":900,"net_tx_bps":1200,"disk_r_bps":0,"disk_w_bps":4096,"temp_c":52.1}
        """;

    /// <summary>
    /// A fixed instant for specs of pure logic and of actors on their own. It ages out of any
    /// retention or "online" window, so it must never reach a real hub (a hub process, a
    /// <see cref="HubFactory"/>, a retention sweep): <c>FixedInstantGuardSpecs</c> fails when it does.
    /// </summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A valid frame object at <paramref name="ts"/>.</summary>
    public static IngestFrame At(DateTimeOffset ts, double cpuPct = 10) => new()
    {
        Ts = ts, [ScalarMetrics.CpuPct] = cpuPct, [ScalarMetrics.RamPct] = 40, [ScalarMetrics.DiskPct] = 50, [ScalarMetrics.Load1] = 0.5, [ScalarMetrics.Load5] = 0.4, [ScalarMetrics.Load15] = 0.3,
        [ScalarMetrics.NetRxBps] = 1000, [ScalarMetrics.NetTxBps] = 500, [ScalarMetrics.TempC] = 45, CpuPerCore = [cpuPct, cpuPct],
        System = new SystemInfo { Os = "Debian GNU/Linux 12", Hostname = "spec", Arch = "amd64" },
    };

    /// <summary>A frame object <paramref name="seconds"/> after the fixed <see cref="T0"/>: never for a real hub.</summary>
    public static IngestFrame AfterT0(int seconds, double cpuPct = 10) => At(T0.AddSeconds(seconds), cpuPct);

    /// <summary>A frame object <paramref name="seconds"/> after the recent <see cref="Start"/>: safe to send to a real hub.</summary>
    public static IngestFrame Recent(int seconds, double cpuPct = 10) => At(Start.AddSeconds(seconds), cpuPct);

    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Content(int second = 0) => Content(Json(second));

    /// <summary>A body of <paramref name="bytes"/> bytes sent with a Content-Length.</summary>
    public static ByteArrayContent Sized(int bytes) => new(Padding(bytes)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    /// <summary>A body of <paramref name="bytes"/> bytes whose length is not known up front (send it with Transfer-Encoding: chunked).</summary>
    public static HttpContent Unsized(int bytes) => new UnsizedContent(Padding(bytes));

    /// <summary>A JSON object whose one string field makes it <paramref name="bytes"/> long.</summary>
    private static byte[] Padding(int bytes) =>
        Encoding.ASCII.GetBytes("{\"host\":\"" + new string('x', bytes - 11) + "\"}");

    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
