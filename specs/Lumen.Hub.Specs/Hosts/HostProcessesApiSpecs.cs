using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>
/// <c>GET /api/hosts/{id}/processes</c>: the processes of the host's latest frame, kept live
/// only (never written to SQLite) and dropped once the host sends frames without them.
/// </summary>
public sealed class HostProcessesApiSpecs : IAsyncLifetime
{
    private const string Secretless = "/usr/bin/python3 -m http.server 8000 --marker-7f3a";

    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static string WithProcesses(int second) =>
        Frames.Json(second).TrimEnd().TrimEnd('}') +
        $$$""","processes":[{"pid":4242,"name":"python3","user":"www-data","cpu_pct":87.5,"rss_mb":312.25,"cmd":"{{{Secretless}}}"},{"pid":1,"name":"systemd","user":"root","cpu_pct":0.5,"rss_mb":12,"cmd":"/sbin/init"}]}""";

    [Fact]
    public async Task Processes_should_answer_the_latest_frames_list_as_the_agent_sent_it()
    {
        var pi = await _hub.AddHostAsync("pi");
        await PostAsync(pi.Token, WithProcesses(0));

        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/hosts/{pi.Host.Id.Value}/processes");

        Assert.Equal(pi.Host.Id.Value, answer.GetProperty("host_id").GetInt64());
        Assert.Equal(Frames.Start.UtcDateTime, answer.GetProperty("ts").GetDateTime().ToUniversalTime());
        var first = answer.GetProperty("processes")[0];
        Assert.Equal(2, answer.GetProperty("processes").GetArrayLength());
        Assert.Equal((4242, "python3", "www-data", 87.5, 312.25, Secretless),
            (first.GetProperty("pid").GetInt32(), first.GetProperty("name").GetString(), first.GetProperty("user").GetString(),
             first.GetProperty("cpu_pct").GetDouble(), first.GetProperty("rss_mb").GetDouble(), first.GetProperty("cmd").GetString()));
    }

    [Fact]
    public async Task Processes_should_be_dropped_when_the_next_frame_comes_without_them()
    {
        var pi = await _hub.AddHostAsync("pi");
        await PostAsync(pi.Token, WithProcesses(0));

        await PostAsync(pi.Token, Frames.Json(5));

        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/hosts/{pi.Host.Id.Value}/processes");
        Assert.Equal(0, answer.GetProperty("processes").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("ts").ValueKind);
    }

    [Fact]
    public async Task Processes_should_keep_the_latest_list_when_an_older_buffered_frame_arrives_after_it()
    {
        var pi = await _hub.AddHostAsync("pi");
        await PostAsync(pi.Token, WithProcesses(10));

        await PostAsync(pi.Token, Frames.Json(5));

        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/hosts/{pi.Host.Id.Value}/processes");
        Assert.Equal(2, answer.GetProperty("processes").GetArrayLength());
    }

    [Fact]
    public async Task Processes_should_never_be_written_to_the_database()
    {
        var pi = await _hub.AddHostAsync("pi");
        await PostAsync(pi.Token, WithProcesses(0));

        await Lumen.Specs.Support.Eventually.TrueAsync(() => _hub.Database.Scalar("SELECT COUNT(*) FROM snapshots") == 1, "the frame's row to be flushed");

        var files = Directory.GetFiles(_hub.Database.Folder).Select(File.ReadAllBytes).Select(Encoding.Latin1.GetString);
        Assert.DoesNotContain(files, bytes => bytes.Contains("--marker-7f3a", StringComparison.Ordinal) || bytes.Contains("www-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Processes_should_be_empty_for_a_host_not_heard_from_and_404_for_no_host()
    {
        var quiet = await _hub.AddHostAsync("quiet");

        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/hosts/{quiet.Host.Id.Value}/processes");

        Assert.Equal(0, answer.GetProperty("processes").GetArrayLength());
        await (await _admin.GetAsync("/api/hosts/999999/processes")).AssertApiErrorAsync(HttpStatusCode.NotFound);
    }

    private async Task PostAsync(string token, string json) =>
        Assert.Equal(HttpStatusCode.NoContent, (await _hub.AgentClient(token).PostAsync("/api/ingest", Frames.Content(json))).StatusCode);
}
