using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Hub.Specs.Notifications.WebPush;

/// <summary>
/// The browser's side of web push, written here from RFC 8291 and RFC 8188 without the hub's
/// code: its own P-256 key pair and 16-byte auth secret (what <c>PushSubscription.getKey</c>
/// hands out), and the decryption a browser does when its push service delivers a message.
/// </summary>
public sealed class PushBrowser : IDisposable
{
    private readonly ECDiffieHellman _key;

    public PushBrowser(ECParameters? privateKey = null, byte[]? authSecret = null)
    {
        _key = privateKey is { } parameters ? ECDiffieHellman.Create(parameters) : ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
        AuthSecret = authSecret ?? RandomNumberGenerator.GetBytes(16);
    }

    public byte[] PublicKey { get; }
    public byte[] AuthSecret { get; }

    /// <summary><c>keys.p256dh</c> as a subscription's JSON has it.</summary>
    public string P256dh => Base64Url.EncodeToString(PublicKey);

    /// <summary><c>keys.auth</c> as a subscription's JSON has it.</summary>
    public string Auth => Base64Url.EncodeToString(AuthSecret);

    /// <summary>The plaintext of an <c>aes128gcm</c> body, or an exception saying which part is wrong.</summary>
    public byte[] Decrypt(byte[] body)
    {
        // RFC 8188 §2.1: salt(16) ‖ rs(4, big-endian) ‖ idlen(1) ‖ keyid(idlen) ‖ records.
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        Assert.Equal(65, idLength);
        var senderPublicKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.True(record.Length <= recordSize, $"the record is {record.Length} bytes, more than the record size {recordSize}: it must be one record");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublicKey[1..33], Y = senderPublicKey[33..65] },
        });
        var ecdhSecret = _key.DeriveRawSecretAgreement(sender.PublicKey);

        // RFC 8291 §3.3–3.4.
        // HKDF by hand (RFC 5869): extract is HMAC(salt, ikm); an expand to at most 32 bytes is HMAC(prk, info ‖ 0x01).
        var prkKey = Hmac(AuthSecret, ecdhSecret);
        byte[] keyInfo = [.. "WebPush: info"u8, 0x00, .. PublicKey, .. senderPublicKey];
        var ikm = Hmac(prkKey, [.. keyInfo, 0x01]);
        var prk = Hmac(salt, ikm);
        var cek = Hmac(prk, [.. "Content-Encoding: aes128gcm"u8, 0x00, 0x01])[..16];
        var nonce = Hmac(prk, [.. "Content-Encoding: nonce"u8, 0x00, 0x01])[..12];

        var padded = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
            aes.Decrypt(nonce, record[..^16], record[^16..], padded);

        // The last record: data, then the delimiter 0x02, then any zero padding.
        var end = Array.FindLastIndex(padded, b => b != 0);
        Assert.True(end >= 0 && padded[end] == 0x02, "the record does not end with the last-record delimiter 0x02");
        return padded[..end];
    }

    private static byte[] Hmac(byte[] key, byte[] data) => HMACSHA256.HashData(key, data);

    public string DecryptText(byte[] body) => Encoding.UTF8.GetString(Decrypt(body));

    public void Dispose() => _key.Dispose();
}
