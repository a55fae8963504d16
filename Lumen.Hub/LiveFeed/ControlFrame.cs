using System.Globalization;
using System.Text.Json;

namespace Lumen.Hub.LiveFeed;

/// <summary>
/// Reads what a browser may send on the live stream: <c>{"type":"subscribe","hosts":["a","b"]}</c>
/// (names, or ids as strings or numbers; <c>["*"]</c>, <c>null</c> or no list = every host).
/// Anything else — another type, broken JSON, a list of the wrong shape — is ignored, never
/// an error: an older or newer dashboard must not lose its stream over a message it sends.
/// </summary>
public static class ControlFrame
{
    /// <summary>
    /// The largest control message read (16 KiB: a subscribe list of a couple of hundred host
    /// names); longer ones are discarded unread, so a client cannot make the hub buffer much.
    /// </summary>
    public const int MaxBytes = 16 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    /// <returns>The subscription asked for, or null when the message is not a valid subscribe frame.</returns>
    public static LiveSubscription? ParseSubscribe(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > MaxBytes) return null;
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "subscribe")
                return null;
            if (!root.TryGetProperty("hosts", out var hosts) || hosts.ValueKind == JsonValueKind.Null) return LiveSubscription.All;
            return hosts.ValueKind == JsonValueKind.Array && HostKeys(hosts) is { } keys ? LiveSubscription.For(keys) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <returns>Each entry as text (a name, or an id), or null when one is neither a string nor a whole number.</returns>
    private static List<string>? HostKeys(JsonElement array)
    {
        var keys = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    keys.Add(item.GetString()!);
                    break;
                case JsonValueKind.Number when item.TryGetInt64(out var id):
                    keys.Add(id.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    return null;
            }
        }
        return keys;
    }
}
