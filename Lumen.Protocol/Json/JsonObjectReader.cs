using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// The loop every frame object shares: match each key to a field, refuse a key seen twice,
/// and keep unknown keys for the validator to name, exactly as the serializer's extension data.
/// </summary>
internal static class JsonObjectReader
{
    /// <summary>Room for any known name; a longer escaped or split name is copied to the heap.</summary>
    private const int NameScratchBytes = 32;

    /// <summary>The object under the reader, or null for a JSON null.</summary>
    public static T? ReadNullable<TFields, T>(ref Utf8JsonReader reader, in FramePath at)
        where TFields : struct, IJsonFields<T> where T : class =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.StartObject => Read<TFields, T>(ref reader, at),
            var other => throw FrameFieldException.Expected(at, "an object", other),
        };

    /// <summary>Reads from the object's start token to its end token.</summary>
    public static T Read<TFields, T>(ref Utf8JsonReader reader, in FramePath at)
        where TFields : struct, IJsonFields<T> where T : class
    {
        var target = TFields.Create();
        Span<byte> scratch = stackalloc byte[NameScratchBytes];
        Dictionary<string, JsonElement>? unknown = null;
        ulong seen = 0;
        var hint = 0;
        // The reader guarantees a property name or the end of the object here.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = PropertyName.Unescaped(in reader, scratch, at);
            var field = TFields.Names.Find(name, hint);
            if (field < 0)
            {
                UnknownFieldReader.Add(ref reader, ref unknown, name, at);
                continue;
            }
            var path = at.Child(TFields.Names[field]);
            hint = field + 1;
            reader.Read();
            TFields.Read(ref reader, target, field, path);
            // After the value, as the serializer checks: an error inside a repeated value wins.
            var bit = 1UL << field;
            if ((seen & bit) != 0) throw FrameFieldException.Duplicate(path);
            seen |= bit;
        }
        if (unknown is not null) TFields.SetUnknownFields(target, unknown);
        return target;
    }
}
