using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.WebPush;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>The VAPID key file: made once, 0600, kept across starts, never silently replaced.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class VapidKeyStoreSpecs : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lumen-specs", Guid.NewGuid().ToString("N"));

    private string KeyFile => Path.Combine(_folder, "vapid.json");

    private VapidKeyStore Open() => VapidKeyStore.Open(_folder, TimeProvider.System);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void Open_should_make_a_P256_key_pair_into_vapid_json_readable_only_by_the_hub()
    {
        var keys = Open().Current;

        Assert.True(File.Exists(KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(65, keys.PublicKey.Length);
        Assert.Equal(0x04, keys.PublicKey[0]);
        Assert.Null(P256Keys.CheckPublicKey(keys.PublicKey));
        Assert.Equal(keys.PublicKey, P256Keys.PublicKeyOf(keys.PrivateKey));
        Assert.Equal(VapidSubject.Default, keys.Subject);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Open_should_read_the_same_keys_on_every_later_start()
    {
        var first = Open().Current;
        var written = File.ReadAllText(KeyFile);

        var second = Open().Current;

        Assert.Equal(first.PublicKeyText, second.PublicKeyText);
        Assert.Equal(first.PrivateKey, second.PrivateKey);
        Assert.Equal(written, File.ReadAllText(KeyFile));
    }

    [Fact]
    public void SetSubject_should_keep_the_keys_and_survive_a_restart()
    {
        var store = Open();
        var before = store.Current;

        store.SetSubject("mailto:ops@home.example.org");

        var reopened = Open().Current;
        Assert.Equal("mailto:ops@home.example.org", reopened.Subject);
        Assert.Equal(before.PublicKeyText, reopened.PublicKeyText);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    public static TheoryData<string, string> DamagedFiles() => new()
    {
        { "", "not valid JSON" },
        { "{\"public_key\":", "not valid JSON" },
        { "null", "null" },
        { "{}", "private_key" },
        { "{\"private_key\":\"AAAA\",\"public_key\":\"x\",\"subject\":\"mailto:a@b.org\"}", "private_key" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void Open_should_refuse_a_damaged_file_naming_it_and_leave_it_as_it_is(string content, string problem)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(KeyFile, content);

        var refused = Assert.Throws<VapidKeyFileException>(Open);

        Assert.Contains(KeyFile, refused.Message);
        Assert.Contains(problem, refused.Message);
        Assert.Contains("Notify this browser", refused.Message);
        Assert.Equal(content, File.ReadAllText(KeyFile));
    }

    [Fact]
    public void Open_should_refuse_a_public_key_that_is_not_the_private_keys()
    {
        Open();
        var other = VapidKeys.Generate(VapidSubject.Default, DateTimeOffset.UnixEpoch);
        var json = JsonNode.Parse(File.ReadAllText(KeyFile))!.AsObject();
        json["public_key"] = other.PublicKeyText;
        File.WriteAllText(KeyFile, json.ToJsonString());

        Assert.Contains("not the public half", Assert.Throws<VapidKeyFileException>(Open).Message);
    }

    [Fact]
    public void Open_should_refuse_a_subject_that_is_not_mailto_or_https()
    {
        Open();
        var json = JsonNode.Parse(File.ReadAllText(KeyFile))!.AsObject();
        json["subject"] = "ftp://example.org";
        File.WriteAllText(KeyFile, json.ToJsonString());

        Assert.Contains("subject", Assert.Throws<VapidKeyFileException>(Open).Message);
    }
}
