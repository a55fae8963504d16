using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Backups;

/// <summary>
/// A restore from the dashboard on the real hub binary: the hub stops, swaps the files and comes
/// back in the same process answering from the restored database, not from an old file handle.
/// </summary>
public sealed class RestoreRestartSpecs : IDisposable
{
    private const string Passphrase = "restart passphrase";
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Restore_through_the_api_should_bring_the_hub_back_with_the_restored_data()
    {
        using var hub = await RealHub.StartAsync(_db, new Dictionary<string, string> { ["LUMEN_HUB_BATCH_FLUSH_EVERY"] = "200ms" });
        var admin = await hub.SignInAsync();
        (await admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = Passphrase })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/hosts", new { name = "kept-host" })).EnsureSuccessStatusCode();
        var run = await admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var name = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
        (await admin.PostAsJsonAsync("/api/hosts", new { name = "added-after-the-backup" })).EnsureSuccessStatusCode();

        var wrong = await admin.PostAsJsonAsync($"/api/backup/restore/{name}", new { passphrase = "not the passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("added-after-the-backup", await HostNamesAsync(admin));

        var restore = await admin.PostAsJsonAsync($"/api/backup/restore/{name}", new { passphrase = Passphrase });
        Assert.Equal(HttpStatusCode.Accepted, restore.StatusCode);
        var body = await restore.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("restarting").GetBoolean());
        var predecessor = body.GetProperty("predecessor").GetString()!;

        // The same process comes back on the restored file: the host added after the backup is gone.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                var fresh = await hub.SignInAsync();
                var names = await HostNamesAsync(fresh);
                return names.Contains("kept-host") && !names.Contains("added-after-the-backup");
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the hub back on the restored database", TimeSpan.FromSeconds(60), pollEvery: TimeSpan.FromMilliseconds(250));
        Assert.False(hub.Process.HasExited);
        Assert.True(File.Exists(predecessor), $"the replaced database should be kept at {predecessor}");
    }

    private static async Task<string> HostNamesAsync(HttpClient client) => await client.GetStringAsync("/api/hosts");
}
