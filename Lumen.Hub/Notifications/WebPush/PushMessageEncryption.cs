using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// Encrypts a push message for one browser (RFC 8291): ECDH between a fresh P-256 key pair
/// and the subscription's <c>p256dh</c>, mixed with its 16-byte <c>auth</c> secret by
/// HKDF-SHA256, then the <c>aes128gcm</c> content coding of RFC 8188 with a single record.
/// </summary>
public static class PushMessageEncryption
{
    /// <summary>The record size written in the header: the one every push service takes.</summary>
    public const int RecordSize = 4096;

    public const int AuthSecretLength = 16;
    private const int SaltLength = 16;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + P256Keys.PublicKeyLength;

    /// <summary>
    /// The most plaintext one record carries within the 4096 bytes a push service must accept
    /// (RFC 8291 §4): 4096 less the header, the tag and the padding delimiter.
    /// </summary>
    public const int MaxPlaintextLength = RecordSize - HeaderLength - TagLength - 1;

    /// <summary>The request body for a browser's <paramref name="userAgentPublicKey"/> and <paramref name="authSecret"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] userAgentPublicKey, byte[] authSecret)
    {
        using var sender = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, sender, RandomNumberGenerator.GetBytes(SaltLength));
    }

    /// <summary>With a chosen sender key pair and salt: only for RFC 8291's worked example.</summary>
    internal static byte[] Encrypt(ReadOnlySpan<byte> plaintext, byte[] userAgentPublicKey, byte[] authSecret, ECDiffieHellman sender, byte[] salt)
    {
        if (plaintext.Length > MaxPlaintextLength) throw new ArgumentException($"a push message holds at most {MaxPlaintextLength} bytes, not {plaintext.Length}", nameof(plaintext));
        if (authSecret.Length != AuthSecretLength) throw new ArgumentException($"the auth secret must be {AuthSecretLength} bytes", nameof(authSecret));
        if (salt.Length != SaltLength) throw new ArgumentException($"the salt must be {SaltLength} bytes", nameof(salt));

        var senderPublicKey = P256Keys.PublicKey(sender.ExportParameters(includePrivateParameters: false));
        var (key, nonce) = ContentKeys(userAgentPublicKey, authSecret, sender, senderPublicKey, salt);

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = P256Keys.PublicKeyLength;
        senderPublicKey.CopyTo(body, SaltLength + 5);

        // The last (here the only) record ends with the delimiter 0x02 and no padding.
        var record = new byte[plaintext.Length + 1];
        plaintext.CopyTo(record);
        record[^1] = 0x02;
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, record, body.AsSpan(HeaderLength, record.Length), body.AsSpan(HeaderLength + record.Length, TagLength));
        return body;
    }

    private static (byte[] Key, byte[] Nonce) ContentKeys(byte[] userAgentPublicKey, byte[] authSecret, ECDiffieHellman sender, byte[] senderPublicKey, byte[] salt)
    {
        using var userAgent = ECDiffieHellman.Create(P256Keys.PublicParameters(userAgentPublicKey));
        var sharedSecret = sender.DeriveRawSecretAgreement(userAgent.PublicKey);
        // RFC 8291 §3.4: key_info = "WebPush: info" ‖ 0x00 ‖ ua_public ‖ as_public; the auth secret is the salt.
        byte[] keyInfo = [.. Encoding.ASCII.GetBytes("WebPush: info\0"), .. userAgentPublicKey, .. senderPublicKey];
        var inputKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, 32, authSecret, keyInfo);
        // RFC 8188 §2.2 and §2.3: the content key and the nonce, from the message's own salt.
        var pseudoRandomKey = HKDF.Extract(HashAlgorithmName.SHA256, inputKey, salt);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, pseudoRandomKey, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));
        return (key, nonce);
    }
}
