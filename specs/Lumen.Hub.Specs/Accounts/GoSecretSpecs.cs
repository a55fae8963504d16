using System.Security.Cryptography;
using System.Text;
using Lumen.Hub.Accounts;
using Lumen.Hub.Specs.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Hub.Specs.Accounts;

/// <summary>
/// <c>LUMEN_HUB_SECRET</c> in the Go hub's hex form means the same key here (go-lumen-compat §1.4),
/// and the Go hub's encrypted settings open with it.
/// </summary>
public sealed class GoSecretSpecs
{
    private static readonly string GoSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A value sealed the way the doc describes it, written here without the hub's code.</summary>
    private static string SealAsGoDoes(string label, byte[] secret, string plaintext)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(label).Concat(secret).ToArray());
        var nonce = RandomNumberGenerator.GetBytes(12);
        var text = Encoding.UTF8.GetBytes(plaintext);
        var (cipher, tag) = (new byte[text.Length], new byte[16]);
        using (var aes = new AesGcm(key, 16)) aes.Encrypt(nonce, text, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. cipher, .. tag]);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public void Secret_should_be_the_decoded_bytes_when_it_is_Go_hex(int digits)
    {
        var hex = Convert.ToHexString(RandomNumberGenerator.GetBytes(digits / 2)); // upper case is hex too
        Assert.Equal(Convert.FromHexString(hex), SessionSecret.KeyOf(hex));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")] // 63 digits: too short for Go
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")] // 65: odd
    [InlineData("not hex at all, but long enough to be a secret of its own")]
    public void Secret_should_be_hashed_when_it_is_not_Go_hex(string text)
    {
        Assert.Null(SessionSecret.GoHexBytes(text));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), SessionSecret.KeyOf(text));
    }

    [Fact]
    public async Task Hub_should_sign_sessions_with_the_decoded_bytes_of_a_Go_secret()
    {
        await using var hub = new HubFactory().With("LUMEN_HUB_SECRET", GoSecret);
        await hub.SignedInClientAsync();
        var admin = hub.Services.GetRequiredService<UserStore>().FindByName(HubFactory.AdminUsername)!.User;
        var token = hub.Services.GetRequiredService<SessionTokens>().Issue(admin).Token;

        var parts = token.Split('.');
        var expected = HMACSHA256.HashData(Convert.FromHexString(GoSecret), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts[2]);
    }

    [Theory]
    [InlineData(GoSecretBox.OidcLabel)]
    [InlineData(GoSecretBox.WebPushLabel)]
    [InlineData(GoSecretBox.SamlLabel)]
    public void Box_should_open_a_value_the_Go_hub_sealed_with_the_same_secret(string label)
    {
        var sealedValue = SealAsGoDoes(label, Convert.FromHexString(GoSecret), "s3cr3t ünïcode");

        Assert.Equal(("s3cr3t ünïcode", (string?)null), GoSecretBox.Open(label, GoSecret, sealedValue));
    }

    [Fact]
    public void Box_should_open_the_backup_secret_with_the_oidc_label_as_the_Go_hub_seals_it()
    {
        var sealedValue = SealAsGoDoes("lumen/oidc/v1", Convert.FromHexString(GoSecret), "AKIA-secret");
        Assert.Equal("AKIA-secret", GoSecretBox.Open(GoSecretBox.BackupS3Label, GoSecret, sealedValue).Plaintext);
    }

    [Fact]
    public void Box_should_refuse_with_a_reason_for_another_secret_label_damage_or_form()
    {
        var secret = Convert.FromHexString(GoSecret);
        var sealedValue = SealAsGoDoes(GoSecretBox.OidcLabel, secret, "client-secret");
        var other = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var tampered = Convert.FromBase64String(sealedValue);
        tampered[14] ^= 1;

        Assert.Contains("does not open", GoSecretBox.Open(GoSecretBox.OidcLabel, other, sealedValue).Error);
        Assert.Contains("does not open", GoSecretBox.Open(GoSecretBox.SamlLabel, GoSecret, sealedValue).Error);
        Assert.Contains("does not open", GoSecretBox.Open(GoSecretBox.OidcLabel, GoSecret, Convert.ToBase64String(tampered)).Error);
        Assert.Contains("not base64", GoSecretBox.Open(GoSecretBox.OidcLabel, GoSecret, "%%%").Error);
        Assert.Contains("shorter", GoSecretBox.Open(GoSecretBox.OidcLabel, GoSecret, Convert.ToBase64String(new byte[20])).Error);
        Assert.Contains("Go hub's form", GoSecretBox.Open(GoSecretBox.OidcLabel, "plain text secret of enough length!!", sealedValue).Error);
    }

    [Fact]
    public void Box_should_open_what_it_seals()
    {
        var secret = Convert.FromHexString(GoSecret);
        Assert.Equal("round trip", GoSecretBox.Open(GoSecretBox.WebPushLabel, secret, GoSecretBox.Seal(GoSecretBox.WebPushLabel, secret, "round trip")).Plaintext);
    }
}
