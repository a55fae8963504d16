using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lumen.Hub.Specs.Support;
using Microsoft.Data.Sqlite;

namespace Lumen.Hub.Specs.Backups;

/// <summary>The backup routes with an S3 target: a real hub in-process, a real S3-compatible server (s3rver) on loopback.</summary>
public sealed class BackupS3RouteSpecs(S3rver server) : IClassFixture<S3rver>, IAsyncLifetime
{
    private const string Passphrase = "a long backup passphrase";

    // s3rver checks the access key, not signatures, so the secret can be one nothing else contains.
    private const string SecretKey = "secret-only-this-spec-knows";
    private readonly HubFactory _hub = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _hub.SignedInClientAsync();
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HttpResponseMessage> PutS3Async(string secretKey, string prefix) => _admin.PutAsJsonAsync("/api/settings/backup", new
    {
        target = "s3", s3_endpoint = server.Endpoint, s3_region = "auto", s3_bucket = S3rver.Bucket, s3_prefix = prefix,
        s3_access_key = S3rver.AccessKey, s3_secret_key = secretKey, s3_force_path_style = true,
    });

    [Fact]
    public async Task Backups_should_go_to_S3_with_the_secret_key_kept_sealed_and_list_download_from_there()
    {
        var prefix = $"routes-{Guid.NewGuid():N}/";
        await Json(await PutS3Async(SecretKey, prefix), HttpStatusCode.OK);
        await Json(await _admin.PostAsJsonAsync("/api/backup/passphrase", new { passphrase = Passphrase }), HttpStatusCode.OK);

        var settings = await Json(await _admin.GetAsync("/api/settings/backup"), HttpStatusCode.OK);
        Assert.True(settings.GetProperty("has_secret_key").GetBoolean());
        Assert.DoesNotContain(SecretKey, settings.GetRawText());
        Assert.DoesNotContain(SecretKey, StoredSecret());
        Assert.True((await Json(await _admin.PostAsync("/api/settings/backup/test", null), HttpStatusCode.OK)).GetProperty("ok").GetBoolean());

        var run = await Json(await _admin.PostAsJsonAsync("/api/backup/run", new { passphrase = Passphrase }), HttpStatusCode.OK);
        var name = run.GetProperty("name").GetString()!;

        var list = await Json(await _admin.GetAsync("/api/backup/list"), HttpStatusCode.OK);
        Assert.Equal([name], list.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Contains(server.Log, line => line.Contains(prefix + name));
        var downloaded = await _admin.GetByteArrayAsync($"/api/backup/download/{name}");
        Assert.Equal(run.GetProperty("size_bytes").GetInt64(), downloaded.LongLength);

        // "" keeps the stored key: the target still works.
        await Json(await PutS3Async("", prefix), HttpStatusCode.OK);
        Assert.True((await Json(await _admin.PostAsync("/api/settings/backup/test", null), HttpStatusCode.OK)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Test_should_say_what_is_wrong_with_an_S3_target_that_has_no_bucket_there()
    {
        await Json(await _admin.PutAsJsonAsync("/api/settings/backup", new
        {
            target = "s3", s3_endpoint = server.Endpoint, s3_bucket = "no-such-bucket", s3_access_key = S3rver.AccessKey,
            s3_secret_key = S3rver.SecretKey, s3_force_path_style = true,
        }), HttpStatusCode.OK);

        var error = await Json(await _admin.PostAsync("/api/settings/backup/test", null), HttpStatusCode.BadRequest);

        Assert.Contains("no-such-bucket", error.GetProperty("error").GetString());
    }

    private string StoredSecret()
    {
        using var connection = new SqliteConnection($"Data Source={_hub.Database.FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM settings WHERE key = 'backup.s3_secret_key_enc';";
        return (string)command.ExecuteScalar()!;
    }
}
