using System.Globalization;

namespace Lumen.Hub.Accounts;

/// <summary>
/// A stored password hash in the PHC string format (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>),
/// so the cost can be raised later while old hashes keep verifying with their own parameters.
/// </summary>
public sealed record PasswordHash(Argon2Parameters Parameters, byte[] Salt, byte[] Hash)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={Parameters.MemoryKib},t={Parameters.Iterations},p={Parameters.Parallelism}${Encode(Salt)}${Encode(Hash)}");

    public static PasswordHash? TryParse(string text)
    {
        var parts = text.Split('$');
        if (parts is not ["", "argon2id", "v=19", var costs, var salt, var hash]) return null;
        int? memory = null, iterations = null, parallelism = null;
        foreach (var pair in costs.Split(','))
        {
            var (key, value) = pair.Split('=') is [var k, var v] && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? (k, n) : ("", 0);
            switch (key)
            {
                case "m": memory = value; break;
                case "t": iterations = value; break;
                case "p": parallelism = value; break;
                default: return null;
            }
        }
        if (memory is null || iterations is null || parallelism is null) return null;
        var parameters = new Argon2Parameters(memory.Value, iterations.Value, parallelism.Value);
        var saltBytes = Decode(salt);
        var hashBytes = Decode(hash);
        if (!parameters.IsWithinLimits || saltBytes is not { Length: >= 8 } || hashBytes is not { Length: >= 16 and <= 64 }) return null;
        return new PasswordHash(parameters, saltBytes, hashBytes);
    }

    // PHC strings use standard base64 without padding.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[]? Decode(string text)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
