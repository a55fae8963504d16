using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Lumen.Hub.Cli;
using Lumen.Hub.Specs.Support;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Specs.Backups;

/// <summary>
/// Backups taken while agents post: no acknowledged frame is lost from the live database, and a
/// backup taken afterwards, restored into an empty hub's database, holds every one of them.
/// </summary>
public sealed class BackupUnderLoadSpecs : IAsyncLifetime
{
    private const string Passphrase = "load test passphrase";
    private const int Agents = 4;
    private readonly HubFactory _hub = new HubFactory().With("LUMEN_HUB_BATCH_FLUSH_EVERY", "200ms");
    private readonly TempDatabase _empty = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        _empty.Dispose();
    }

    [Fact]
    public async Task Every_acknowledged_frame_should_survive_backups_taken_during_ingest_and_a_restore_of_a_later_backup()
    {
        var admin = await _hub.SignedInClientAsync();
        (await admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = Passphrase })).EnsureSuccessStatusCode();
        var hosts = await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => _hub.AddHostAsync($"load-{i}")));
        var acknowledged = new ConcurrentDictionary<long, int>();
        using var stop = new CancellationTokenSource();

        var agents = hosts.Select(host => Task.Run(async () =>
        {
            using var agent = _hub.AgentClient(host.Token);
            for (var second = 0; !stop.IsCancellationRequested; second++)
            {
                var response = await agent.PostAsync("/api/ingest", Frames.Content(Frames.Json(second)));
                if (response.StatusCode == HttpStatusCode.NoContent) acknowledged.AddOrUpdate(host.Host.Id.Value, 1, (_, n) => n + 1);
            }
        })).ToList();

        var duringLoad = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var run = await admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase });
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
            duringLoad.Add((await run.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("name").GetString()!);
            await Task.Delay(1100); // names are per second
        }
        stop.Cancel();
        await Task.WhenAll(agents);
        Assert.All(hosts, host => Assert.True(acknowledged.GetValueOrDefault(host.Host.Id.Value) > 10, "each agent should have posted a fair number of frames"));

        // Every acknowledged frame reaches the live file once the batcher flushes.
        await Lumen.Specs.Support.Eventually.TrueAsync(
            () => hosts.All(h => _hub.Database.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {h.Host.Id.Value};") == acknowledged[h.Host.Id.Value]),
            "every acknowledged frame in the live database");

        var later = await admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase });
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        var name = (await later.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("name").GetString()!;

        var environment = new Dictionary<string, string> { ["LUMEN_HUB_DB_PATH"] = _empty.FilePath, ["LUMEN_HUB_BACKUP_PASSPHRASE"] = Passphrase };
        SqliteConnection.ClearAllPools();
        var exit = RestoreCommand.Run(["restore", Path.Combine(_hub.Database.Folder, "backups", name)], environment.GetValueOrDefault, TextWriter.Null, TextWriter.Null, () => null);

        Assert.Equal(0, exit);
        foreach (var host in hosts)
            Assert.Equal(acknowledged[host.Host.Id.Value], _empty.Scalar($"SELECT count(*) FROM snapshots WHERE host_id = {host.Host.Id.Value};"));
        Assert.Equal(Agents, _empty.Scalar("SELECT count(*) FROM hosts;"));
        Assert.Equal(2, duringLoad.Distinct().Count());
    }
}
