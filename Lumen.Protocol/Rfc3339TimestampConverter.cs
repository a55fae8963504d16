using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lumen.Protocol;

/// <summary>
/// Reads RFC 3339 timestamps (a full date, time and offset, fraction up to nanoseconds as Go
/// writes them) into UTC, and writes them back as UTC with a <c>Z</c>. A bare date or a time
/// without an offset is refused: it would mean a different instant on every machine.
/// </summary>
public sealed class Rfc3339TimestampConverter : JsonConverter<DateTimeOffset>
{
    private const int ShortestRfc3339Length = 20; // 2006-01-02T15:04:05Z
    private const int MaxRfc3339Length = 64;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryRead(ref reader, out var value) is { } error ? throw new JsonException(error) : value;

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>RFC 3339 in UTC with only as many fraction digits as the value needs.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses <paramref name="text"/> (a query-string value, say) by exactly the rules a JSON
    /// timestamp is read by: RFC 3339 with an offset, returned in UTC.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset utc)
    {
        utc = default;
        if (text.Length is < ShortestRfc3339Length or > MaxRfc3339Length || text.AsSpan().IndexOfAny('"', '\\') >= 0)
            return false;
        var json = System.Text.Encoding.UTF8.GetBytes($"\"{text}\"");
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read() && TryRead(ref reader, out utc) is null;
        }
        catch (JsonException)
        {
            return false; // a control character, say: not a timestamp either
        }
    }

    /// <summary>
    /// Reads the token under the reader as an RFC 3339 timestamp in UTC. Returns null on
    /// success, else why it is not one. Shared with the hand-written frame reader, so both
    /// paths accept exactly the same timestamps.
    /// </summary>
    internal static string? TryRead(ref Utf8JsonReader reader, out DateTimeOffset utc)
    {
        utc = default;
        if (reader.TokenType != JsonTokenType.String)
            return "expected an RFC 3339 timestamp string";
        Span<byte> copy = stackalloc byte[MaxRfc3339Length];
        scoped ReadOnlySpan<byte> raw = reader.ValueSpan;
        if (reader.HasValueSequence)
        {
            var sequence = reader.ValueSequence;
            if (sequence.Length > MaxRfc3339Length) return "timestamp is too long for RFC 3339";
            sequence.CopyTo(copy);
            raw = copy[..(int)sequence.Length];
        }
        if (!HasRfc3339Shape(raw) || !reader.TryGetDateTimeOffset(out var value))
            return "expected an RFC 3339 timestamp such as 2026-01-02T15:04:05Z";
        utc = value.ToUniversalTime();
        return null;
    }

    private static bool HasRfc3339Shape(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < ShortestRfc3339Length || (raw[10] != 'T' && raw[10] != 't'))
            return false;
        var last = raw[^1];
        if (last is (byte)'Z' or (byte)'z')
            return true;
        // ±hh:mm
        return raw.Length >= 25 && raw[^3] == ':' && raw[^6] is (byte)'+' or (byte)'-';
    }
}
