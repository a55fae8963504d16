using System.Text;
using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// Keeps a key the DTO does not know, with its value, for the validator to refuse by name.
/// Rare (it always ends in a refusal), so it may allocate: it reads the value with the
/// serializer's own JsonElement reader to refuse the same values the extension data did.
/// </summary>
internal static class UnknownFieldReader
{
    /// <summary>Reads the value after the property name under the reader into <paramref name="fields"/>.</summary>
    public static void Add(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? fields, scoped ReadOnlySpan<byte> name, in FramePath at)
    {
        // Invalid UTF-8 becomes U+FFFD, as in the serializer's extension data keys.
        var key = Encoding.UTF8.GetString(name);
        var path = at.Child(key);
        reader.Read();
        // A syntax error inside the value must surface as the reader's own error (body-level,
        // as the serializer's pre-scan reports it), not as a bad value of this field.
        var probe = reader;
        probe.Skip();
        JsonElement value;
        try
        {
            value = JsonSerializer.Deserialize(ref reader, LumenJsonContext.Default.JsonElement);
        }
        catch (JsonException e)
        {
            throw new FrameFieldException(path, SerializerFrameParser.Reason(e));
        }
        fields ??= [];
        if (!fields.TryAdd(key, value)) throw FrameFieldException.Duplicate(path);
    }
}
