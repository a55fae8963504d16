using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;

namespace Lumen.Hub.Specs.Backups;

/// <summary>The backup routes on a real in-process hub with its local folder target: shapes, checks, and what bad input changes (nothing).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BackupApiSpecs : IAsyncLifetime
{
    private const string Passphrase = "a long backup passphrase";
    private readonly HubFactory _hub = new();
    private HttpClient _admin = null!;
    private string Folder => Path.Combine(_hub.Database.Folder, "backups");

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> RunAsync(string passphrase = Passphrase) =>
        await Json(await _admin.PostAsJsonAsync("/api/backup/run", new { passphrase }), HttpStatusCode.OK);

    private async Task SetPassphraseAsync() =>
        await Json(await _admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = Passphrase }), HttpStatusCode.OK);

    [Fact]
    public async Task Settings_should_answer_in_snake_case_with_the_defaults()
    {
        var settings = await Json(await _admin.GetAsync("/api/settings/backup"), HttpStatusCode.OK);

        Assert.False(settings.GetProperty("enabled").GetBoolean());
        Assert.Equal("local", settings.GetProperty("target").GetString());
        Assert.Equal(Folder, settings.GetProperty("local_folder").GetString());
        Assert.Equal("0 2 * * *", settings.GetProperty("cron").GetString());
        Assert.Equal(14, settings.GetProperty("retain_last").GetInt32());
        Assert.Equal(0, settings.GetProperty("max_age_days").GetInt32());
        Assert.False(settings.GetProperty("has_passphrase").GetBoolean());
        Assert.False(settings.GetProperty("status").GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("status").GetProperty("last_success").ValueKind);
    }

    [Theory]
    [InlineData("""{"cron":"every day"}""", "cron")]
    [InlineData("""{"cron":"0 2 * * * *"}""", "cron")]
    [InlineData("""{"retain_last":-1}""", "retain_last")]
    [InlineData("""{"target":"ftp"}""", "target")]
    [InlineData("""{"local_path":"relative/folder"}""", "local_path")]
    [InlineData("""{"enabled":true,"max_age_days":-3}""", "max_age_days")]
    [InlineData("""{"retain_lastt":3}""", "retain_lastt")]
    public async Task Put_should_refuse_bad_values_and_change_nothing(string body, string named)
    {
        var before = await (await _admin.GetAsync("/api/settings/backup")).Content.ReadAsStringAsync();

        var response = await _admin.PutAsync("/api/settings/backup", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var error = await Json(response, HttpStatusCode.BadRequest);
        Assert.Contains(named, error.GetProperty("error").GetString());
        Assert.Equal(before, await (await _admin.GetAsync("/api/settings/backup")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_should_change_only_the_fields_given_and_take_back_what_get_answered()
    {
        var first = await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new { cron = "@daily", retain_last = 3 }), HttpStatusCode.OK);
        Assert.Equal("@daily", first.GetProperty("cron").GetString());
        Assert.Equal("local", first.GetProperty("target").GetString());

        var roundTrip = await _admin.PutAsync("/api/settings/backup", new StringContent(first.GetRawText(), System.Text.Encoding.UTF8, "application/json"));
        var again = await Json(roundTrip, HttpStatusCode.OK);
        Assert.Equal(3, again.GetProperty("retain_last").GetInt32());
    }

    [Fact]
    public async Task Run_should_refuse_until_a_passphrase_is_set_and_then_refuse_any_other()
    {
        var unset = await Json(await _admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase }), HttpStatusCode.BadRequest);
        Assert.Contains("no backup passphrase is set", unset.GetProperty("error").GetString());
        var tooShort = await Json(await _admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = "short" }), HttpStatusCode.BadRequest);
        Assert.Contains("at least 8", tooShort.GetProperty("error").GetString());

        await SetPassphraseAsync();
        var wrong = await Json(await _admin.PostAsJsonAsync("/api/backup/run", new { passphrase = "another passphrase" }), HttpStatusCode.BadRequest);
        Assert.Contains("not the backup passphrase", wrong.GetProperty("error").GetString());
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFiles(Folder).Any());
    }

    [Fact]
    public async Task Run_should_store_a_private_file_that_list_and_download_return()
    {
        await SetPassphraseAsync();

        var run = await RunAsync();

        var name = run.GetProperty("name").GetString()!;
        Assert.Matches(@"^lumen-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.bak$", name);
        var path = Path.Combine(Folder, name);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(new FileInfo(path).Length, run.GetProperty("size_bytes").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), run.GetProperty("sha256").GetString());

        var list = await Json(await _admin.GetAsync("/api/backup/list"), HttpStatusCode.OK);
        var entry = Assert.Single(list.GetProperty("entries").EnumerateArray());
        Assert.Equal(name, entry.GetProperty("name").GetString());
        Assert.Equal(run.GetProperty("size_bytes").GetInt64(), entry.GetProperty("size_bytes").GetInt64());

        var download = await _admin.GetAsync($"/api/backup/download/{name}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(File.ReadAllBytes(path), await download.Content.ReadAsByteArrayAsync());

        var status = await Json(await _admin.GetAsync("/api/settings/backup"), HttpStatusCode.OK);
        Assert.Equal(name, status.GetProperty("status").GetProperty("last_success").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_second_run_while_one_runs_should_answer_409()
    {
        await SetPassphraseAsync();

        var runs = await Task.WhenAll(
            _admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase }),
            _admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], runs.Select(r => r.StatusCode).Order());
    }

    [Theory]
    [InlineData("..%2F..%2Flumen.db")]
    [InlineData("..%2Flumen.db")]
    [InlineData("lumen.db")]
    [InlineData("lumen-2026-01-01T00-00-00Z.bak.partial")]
    [InlineData("%2Fetc%2Fpasswd")]
    public async Task Names_from_the_url_should_be_refused_unless_they_are_backup_names(string name)
    {
        var download = await _admin.GetAsync($"/api/backup/download/{name}");
        var restore = await _admin.PostAsJsonAsync($"/api/backup/restore/{name}", new { passphrase = Passphrase });

        Assert.Contains("not a backup name", (await Json(download, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Contains("not a backup name", (await Json(restore, HttpStatusCode.BadRequest)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Download_of_a_backup_that_is_not_there_should_answer_404()
    {
        await Json(await _admin.GetAsync("/api/backup/download/lumen-2020-01-01T00-00-00Z.bak"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Test_should_report_a_folder_that_cannot_be_written()
    {
        var blocker = Path.Combine(_hub.Database.Folder, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new { local_path = Path.Combine(blocker, "backups") }), HttpStatusCode.OK);

        var error = await Json(await _admin.PostAsync("/api/settings/backup/test", null), HttpStatusCode.BadRequest);
        Assert.StartsWith("target probe failed:", error.GetProperty("error").GetString());

        await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new { local_path = "" }), HttpStatusCode.OK);
        Assert.True((await Json(await _admin.PostAsync("/api/settings/backup/test", null), HttpStatusCode.OK)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Retention_should_keep_the_newest_by_count_and_never_touch_other_files()
    {
        Directory.CreateDirectory(Folder);
        var old = new[] { "lumen-2020-01-01T00-00-00Z.bak", "lumen-2020-01-02T00-00-00Z.bak", "lumen-2020-01-03T00-00-00Z.bak" };
        foreach (var name in old) await File.WriteAllTextAsync(Path.Combine(Folder, name), "old");
        await File.WriteAllTextAsync(Path.Combine(Folder, "notes.txt"), "mine");
        await File.WriteAllTextAsync(Path.Combine(Folder, "lumen-copy.bak"), "mine too");
        await SetPassphraseAsync();
        await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new { retain_last = 2 }), HttpStatusCode.OK);

        var run = await RunAsync();

        Assert.Equal(["lumen-2020-01-01T00-00-00Z.bak", "lumen-2020-01-02T00-00-00Z.bak"], run.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()).Order());
        var left = Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(new[] { "lumen-2020-01-03T00-00-00Z.bak", "lumen-copy.bak", run.GetProperty("name").GetString(), "notes.txt" }.Order(), left);
    }

    [Fact]
    public async Task Retention_should_remove_backups_older_than_the_age_limit()
    {
        Directory.CreateDirectory(Folder);
        var now = DateTimeOffset.UtcNow;
        var aged = Lumen.Hub.Backups.BackupName.For(now.AddDays(-10));
        var recent = Lumen.Hub.Backups.BackupName.For(now.AddDays(-2));
        await File.WriteAllTextAsync(Path.Combine(Folder, aged), "old");
        await File.WriteAllTextAsync(Path.Combine(Folder, recent), "recent");
        await SetPassphraseAsync();
        await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new { retain_last = 0, max_age_days = 7 }), HttpStatusCode.OK);

        var run = await RunAsync();

        Assert.Equal([aged], run.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()));
        Assert.True(File.Exists(Path.Combine(Folder, recent)));
    }
}
