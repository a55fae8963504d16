using System.Net;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>
/// Tokens changed from the command line (another process, same file) take effect in the running
/// hub within its poll of the hosts_version counter, without a restart. No shortcut here: the
/// specs wait for the poll.
/// </summary>
public sealed class TokenLifecycleSpecs : IAsyncLifetime
{
    /// <summary>The hub polls every 500 ms; this leaves room for a slow, busy machine.</summary>
    private static readonly TimeSpan WithinPolls = TimeSpan.FromSeconds(5);

    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Ingest_should_refuse_the_old_token_and_take_the_new_one_when_the_token_is_rotated()
    {
        var issued = await _hub.AddHostAsync("pi");
        var old = _hub.AgentClient(issued.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await old.PostAsync("/api/ingest", Frames.Content(0))).StatusCode);

        var rotated = _hub.Hosts.Rotate("pi");
        var renewed = _hub.AgentClient(rotated.Token);
        await Eventually.TrueAsync(async () => (await renewed.PostAsync("/api/ingest", Frames.Content(1))).StatusCode == HttpStatusCode.NoContent,
            "the new token to work", WithinPolls);

        await (await old.PostAsync("/api/ingest", Frames.Content(2))).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
        await (await old.GetAsync("/api/agent/policy")).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
        Assert.NotEqual(issued.Token, rotated.Token);
    }

    [Fact]
    public async Task Ingest_should_refuse_the_token_when_its_host_is_removed()
    {
        var pi = _hub.AgentClient((await _hub.AddHostAsync("pi")).Token);
        Assert.Equal(HttpStatusCode.NoContent, (await pi.PostAsync("/api/ingest", Frames.Content(0))).StatusCode);

        _hub.Hosts.Remove("pi");

        await Eventually.TrueAsync(async () => (await pi.PostAsync("/api/ingest", Frames.Content(1))).StatusCode == HttpStatusCode.Unauthorized,
            "the removed host's token to stop working", WithinPolls);
        await (await pi.GetAsync("/api/agent/policy")).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_should_take_a_new_hosts_first_frame_when_the_host_was_added_a_moment_before_by_another_process()
    {
        _ = _hub.Services; // started, with no hosts yet
        var issued = _hub.Hosts.Add("late"); // as `lumen-hub hosts add` does: another connection to the same file
        var late = _hub.AgentClient(issued.Token);

        // At once, not after the token map's next poll: the hub looks an unknown token up before refusing it.
        Assert.Equal(HttpStatusCode.NoContent, (await late.PostAsync("/api/ingest", Frames.Content(0))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await late.GetAsync("/api/agent/policy")).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(_hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {issued.Host.Id.Value};") == 1),
            "the first frame to be stored", WithinPolls);
    }

    [Fact]
    public async Task Ingest_should_keep_refusing_an_unknown_token_asked_again_and_again()
    {
        var stranger = _hub.AgentClient("lum_" + new string('7', 64));

        for (var i = 0; i < 30; i++)
            await (await stranger.PostAsync("/api/ingest", Frames.Content(i))).AssertApiErrorAsync(HttpStatusCode.Unauthorized);
    }
}
