using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// Reads one field value of the types a frame uses, refusing what the source-generated
/// serializer refuses with strict number handling: numbers only as JSON numbers, integers
/// only whole and in range, strings only as JSON strings.
/// </summary>
internal static class JsonValues
{
    public static double Double(ref Utf8JsonReader reader, in FramePath path) =>
        reader.TokenType == JsonTokenType.Number
            ? reader.TryGetDouble(out var value) ? value : throw new FrameFieldException(path, "the number does not fit a double")
            : throw FrameFieldException.Expected(path, "a number", reader.TokenType);

    public static long Int64(ref Utf8JsonReader reader, in FramePath path) =>
        reader.TokenType == JsonTokenType.Number
            ? reader.TryGetInt64(out var value) ? value : throw new FrameFieldException(path, $"expected a whole number from {long.MinValue} to {long.MaxValue}")
            : throw FrameFieldException.Expected(path, "a whole number", reader.TokenType);

    public static int Int32(ref Utf8JsonReader reader, in FramePath path) =>
        reader.TokenType == JsonTokenType.Number
            ? reader.TryGetInt32(out var value) ? value : throw new FrameFieldException(path, $"expected a whole number from {int.MinValue} to {int.MaxValue}")
            : throw FrameFieldException.Expected(path, "a whole number", reader.TokenType);

    /// <summary>A string, or null for a JSON null (the validator then names the field).</summary>
    public static string? String(ref Utf8JsonReader reader, in FramePath path)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String) throw FrameFieldException.Expected(path, "a string", reader.TokenType);
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException e)
        {
            // The reader checks UTF-8 (and escaped surrogates) only when it transcodes.
            throw new FrameFieldException(path, e.Message);
        }
    }

    public static DateTimeOffset Timestamp(ref Utf8JsonReader reader, in FramePath path) =>
        Rfc3339TimestampConverter.TryRead(ref reader, out var utc) is { } error ? throw new FrameFieldException(path, error) : utc;

    public static double[]? DoubleArray(ref Utf8JsonReader reader, in FramePath path)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw FrameFieldException.Expected(path, "an array", reader.TokenType);
        var items = new PooledArrayBuilder<double>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(Double(ref reader, path.Item(items.Count)));
            return items.ToArray();
        }
        finally
        {
            items.Dispose();
        }
    }

    /// <summary>An array of objects; a null item stays null, for the validator to name.</summary>
    public static T[]? ObjectArray<TFields, T>(ref Utf8JsonReader reader, in FramePath path)
        where TFields : struct, IJsonFields<T> where T : class
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw FrameFieldException.Expected(path, "an array", reader.TokenType);
        var items = new PooledArrayBuilder<T>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(JsonObjectReader.ReadNullable<TFields, T>(ref reader, path.Item(items.Count))!);
            return items.ToArray();
        }
        finally
        {
            items.Dispose();
        }
    }
}
