using System.Net;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Hosts;

/// <summary>A removed host's data goes with it, even the frames still waiting for their batch.</summary>
public sealed class HostRemovalSpecs
{
    [Fact]
    public async Task Ingest_should_not_file_a_removed_hosts_queued_frames_under_a_host_added_after_it()
    {
        // A long flush interval keeps the frame queued until the hub stops and drains.
        await using var hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "10m");
        var old = await hub.AddHostAsync("old");
        Assert.Equal(HttpStatusCode.NoContent, (await hub.AgentClient(old.Token).PostAsync("/api/ingest", Frames.Content())).StatusCode);

        hub.Hosts.Remove("old");
        var added = hub.Hosts.Add("new");
        await hub.StopAsync();

        Assert.Equal(0, hub.Database.Scalar("SELECT count(*) FROM snapshots;"));
        Assert.Equal(0, hub.Database.Scalar($"SELECT count(*) FROM hosts WHERE id = {added.Host.Id.Value} AND last_seen_at IS NOT NULL;"));
    }
}
