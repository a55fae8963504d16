using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Backups;

/// <summary>Scheduled backups on a real in-process hub, driven by a one-second <c>@every</c> schedule rather than a date.</summary>
public sealed class BackupScheduleSpecs : IAsyncLifetime
{
    private const string Passphrase = "scheduled passphrase";
    private HubFactory _hub = null!;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<HttpClient> StartAsync(string environmentPassphrase)
    {
        _hub = new HubFactory().With("LUMEN_HUB_BACKUP_PASSPHRASE", environmentPassphrase);
        var admin = await _hub.SignedInClientAsync();
        (await admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = Passphrase })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/settings/backup", new { enabled = true, cron = "@every 1s", retain_last = 2 })).EnsureSuccessStatusCode();
        return admin;
    }

    private static async Task<JsonElement> StatusAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/settings/backup")).GetProperty("status");

    [Fact]
    public async Task An_enabled_schedule_should_take_backups_and_keep_only_retain_last()
    {
        var admin = await StartAsync(Passphrase);
        var folder = Path.Combine(_hub.Database.Folder, "backups");

        await Eventually.TrueAsync(async () => (await StatusAsync(admin)).GetProperty("last_success").ValueKind == JsonValueKind.Object
            && Directory.Exists(folder) && Directory.GetFiles(folder, "lumen-*.bak").Length == 2
            && (await admin.GetFromJsonAsync<JsonElement>("/api/backup/list")).GetProperty("entries").GetArrayLength() == 2,
            "two scheduled backups kept", TimeSpan.FromSeconds(60), pollEvery: TimeSpan.FromMilliseconds(200));
        // Runs go on, and retention keeps trimming to two.
        var first = (await StatusAsync(admin)).GetProperty("last_success").GetProperty("name").GetString();
        await Eventually.TrueAsync(async () => (await StatusAsync(admin)).GetProperty("last_success").GetProperty("name").GetString() != first,
            "a later scheduled backup", TimeSpan.FromSeconds(30), pollEvery: TimeSpan.FromMilliseconds(200));
        Assert.True(Directory.GetFiles(folder, "lumen-*.bak").Length <= 2);
        Assert.Equal(JsonValueKind.String, (await StatusAsync(admin)).GetProperty("next_run_at").ValueKind);

        (await admin.PutAsJsonAsync("/api/settings/backup", new { enabled = false })).EnsureSuccessStatusCode();
        Assert.Equal(JsonValueKind.Null, (await StatusAsync(admin)).GetProperty("next_run_at").ValueKind);
    }

    [Fact]
    public async Task A_scheduled_run_with_another_environment_passphrase_should_show_the_error_and_store_nothing()
    {
        var admin = await StartAsync("not the stored passphrase");

        await Eventually.TrueAsync(async () => (await StatusAsync(admin)).GetProperty("last_error").ValueKind == JsonValueKind.Object,
            "the scheduled run's error", TimeSpan.FromSeconds(30), pollEvery: TimeSpan.FromMilliseconds(200));

        var error = (await StatusAsync(admin)).GetProperty("last_error");
        Assert.Contains("LUMEN_HUB_BACKUP_PASSPHRASE", error.GetProperty("message").GetString());
        Assert.True(error.GetProperty("scheduled").GetBoolean());
        Assert.False(Directory.Exists(Path.Combine(_hub.Database.Folder, "backups")) && Directory.GetFiles(Path.Combine(_hub.Database.Folder, "backups")).Length > 0);
    }
}
