using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lumen.Protocol;

namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// <c>vapid.json</c> in the data folder: the key pair (base64url: the 65-byte public point,
/// the 32-byte private scalar), the subject and when the keys were made. Mode 0600, written to
/// a temporary file and renamed over the old one, so a crash leaves the old file or the new
/// one, never half of either.
/// </summary>
public static class VapidKeyFile
{
    public const string FileName = "vapid.json";

    /// <summary>The keys in <paramref name="path"/>; a file that is not exactly right throws <see cref="VapidKeyFileException"/>.</summary>
    public static VapidKeys Read(string path)
    {
        Stored? stored;
        try
        {
            stored = JsonSerializer.Deserialize(File.ReadAllBytes(path), VapidKeyFileJson.Default.Stored);
        }
        catch (JsonException e)
        {
            throw new VapidKeyFileException(path, $"not valid JSON ({e.Message})");
        }
        if (stored is null) throw new VapidKeyFileException(path, "it holds null instead of an object");

        if (!P256Keys.TryDecode(stored.PrivateKey, out var privateKey) || privateKey.Length != P256Keys.PrivateKeyLength)
            throw new VapidKeyFileException(path, $"private_key must be base64url of {P256Keys.PrivateKeyLength} bytes");
        if (!P256Keys.TryDecode(stored.PublicKey, out var publicKey) || P256Keys.CheckPublicKey(publicKey) is not null)
            throw new VapidKeyFileException(path, "public_key must be base64url of a 65-byte uncompressed P-256 point");
        if (!PublicKeyMatches(privateKey, publicKey))
            throw new VapidKeyFileException(path, "public_key is not the public half of private_key");
        var (subject, error) = VapidSubject.Check(stored.Subject);
        if (error is not null) throw new VapidKeyFileException(path, error);
        return new VapidKeys(publicKey, privateKey, subject, stored.CreatedAt);
    }

    public static void Write(string path, VapidKeys keys)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new Stored(keys.PublicKeyText, P256Keys.Encode(keys.PrivateKey), keys.Subject, keys.CreatedAt), VapidKeyFileJson.Default.Stored);
        var temporary = path + ".tmp";
        // A leftover from a crash may carry other permissions; the new file is created 0600.
        File.Delete(temporary);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, create))
        {
            file.Write(json);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static bool PublicKeyMatches(byte[] privateKey, byte[] publicKey)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(P256Keys.PublicKeyOf(privateKey), publicKey);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    internal sealed record Stored(
        string? PublicKey,
        string? PrivateKey,
        string? Subject,
        [property: JsonConverter(typeof(Rfc3339TimestampConverter))] DateTimeOffset CreatedAt);
}

/// <summary>The key file's JSON: snake_case, indented for a person reading it, lenient about fields a later hub adds.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(VapidKeyFile.Stored))]
internal sealed partial class VapidKeyFileJson : JsonSerializerContext;
