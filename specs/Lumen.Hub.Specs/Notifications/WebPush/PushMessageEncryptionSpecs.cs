using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Lumen.Hub.Notifications.WebPush;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>RFC 8291 encryption: its worked example byte for byte, and what a browser decrypts.</summary>
public sealed class PushMessageEncryptionSpecs
{
    /// <summary>RFC 8291 §5 and Appendix A: the inputs and the body they make.</summary>
    private static class Rfc8291Example
    {
        public const string Plaintext = "When I grow up, I want to be a watermelon";
        public const string SenderPrivateKey = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
        public const string SenderPublicKey = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
        public const string UserAgentPrivateKey = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
        public const string UserAgentPublicKey = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
        public const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
        public const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
        public const string Body =
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml" +
            "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT" +
            "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
    }

    private static byte[] B64(string text) => Base64Url.DecodeFromChars(text);

    private static ECParameters Key(string privateKey, string publicKey)
    {
        var point = B64(publicKey);
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = B64(privateKey),
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        };
    }

    [Fact]
    public void Encrypt_should_reproduce_the_example_of_RFC_8291_byte_for_byte()
    {
        using var sender = ECDiffieHellman.Create(Key(Rfc8291Example.SenderPrivateKey, Rfc8291Example.SenderPublicKey));

        var body = PushMessageEncryption.Encrypt(
            Encoding.ASCII.GetBytes(Rfc8291Example.Plaintext), B64(Rfc8291Example.UserAgentPublicKey), B64(Rfc8291Example.AuthSecret), sender, B64(Rfc8291Example.Salt));

        Assert.Equal(Rfc8291Example.Body, Base64Url.EncodeToString(body));
    }

    [Fact]
    public void The_spec_browser_should_decrypt_the_example_of_RFC_8291()
    {
        // Checks the spec's own decryption against the RFC, so the sender specs can trust it.
        using var browser = new PushBrowser(Key(Rfc8291Example.UserAgentPrivateKey, Rfc8291Example.UserAgentPublicKey), B64(Rfc8291Example.AuthSecret));

        Assert.Equal(Rfc8291Example.Plaintext, browser.DecryptText(B64(Rfc8291Example.Body)));
    }

    [Fact]
    public void Encrypt_should_give_a_browser_what_it_decrypts_with_its_own_keys_and_a_fresh_key_and_salt_each_time()
    {
        using var browser = new PushBrowser();
        var message = Encoding.UTF8.GetBytes("""{"title":"[critical] web-1: CPU 93 % > 80 %","body":"Ünïcödé ✓"}""");

        var first = PushMessageEncryption.Encrypt(message, browser.PublicKey, browser.AuthSecret);
        var second = PushMessageEncryption.Encrypt(message, browser.PublicKey, browser.AuthSecret);

        Assert.Equal(message, browser.Decrypt(first));
        Assert.Equal(message, browser.Decrypt(second));
        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
        Assert.Equal(86 + message.Length + 1 + 16, first.Length);
    }

    [Fact]
    public void Encrypt_should_fail_for_another_browsers_auth_secret()
    {
        using var browser = new PushBrowser();
        using var other = new PushBrowser(authSecret: RandomNumberGenerator.GetBytes(16));

        var body = PushMessageEncryption.Encrypt("secret"u8, browser.PublicKey, other.AuthSecret);

        Assert.ThrowsAny<CryptographicException>(() => browser.Decrypt(body));
    }

    [Fact]
    public void Encrypt_should_fill_one_4096_byte_record_at_most()
    {
        using var browser = new PushBrowser();

        var full = PushMessageEncryption.Encrypt(new byte[PushMessageEncryption.MaxPlaintextLength], browser.PublicKey, browser.AuthSecret);

        Assert.Equal(3993, PushMessageEncryption.MaxPlaintextLength);
        Assert.Equal(4096, full.Length);
        Assert.Equal(PushMessageEncryption.MaxPlaintextLength, browser.Decrypt(full).Length);
        Assert.Throws<ArgumentException>(() => PushMessageEncryption.Encrypt(new byte[PushMessageEncryption.MaxPlaintextLength + 1], browser.PublicKey, browser.AuthSecret));
    }
}
