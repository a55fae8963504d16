using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// What <see cref="JsonObjectReader"/> needs to know about one DTO: its field names and how
/// to read each field's value into it. Implemented by small structs, so every DTO gets its own
/// compiled copy of the object loop with these calls resolved statically.
/// </summary>
internal interface IJsonFields<T> where T : class
{
    static abstract FieldNames Names { get; }

    static abstract T Create();

    /// <summary>Reads the value under the reader (the field's value token) into <paramref name="target"/>.</summary>
    static abstract void Read(ref Utf8JsonReader reader, T target, int field, in FramePath path);

    static abstract void SetUnknownFields(T target, Dictionary<string, JsonElement> fields);
}
