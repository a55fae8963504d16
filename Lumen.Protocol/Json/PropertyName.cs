using System.Buffers;
using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>The property name under the reader as unescaped UTF-8, without allocating for a plain one.</summary>
internal static class PropertyName
{
    /// <summary>
    /// The reader's own bytes when they need no unescaping and sit in one segment (nearly
    /// always); otherwise a copy in <paramref name="scratch"/>, or on the heap when longer.
    /// </summary>
    public static ReadOnlySpan<byte> Unescaped(in Utf8JsonReader reader, Span<byte> scratch, in FramePath at)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped) return reader.ValueSpan;
        // Unescaping never lengthens a name, so the raw length is enough room.
        var rawLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        var buffer = rawLength <= scratch.Length ? scratch : new byte[rawLength];
        if (!reader.ValueIsEscaped)
        {
            // Copied as they are: CopyString would refuse invalid UTF-8 here, which the
            // serializer lets through into an unknown key (and then names).
            reader.ValueSequence.CopyTo(buffer);
            return buffer[..rawLength];
        }
        try
        {
            return buffer[..reader.CopyString(buffer)];
        }
        catch (InvalidOperationException e)
        {
            // An escaped lone surrogate: the serializer refuses it before it knows the field.
            throw new FrameFieldException(at, e.Message);
        }
    }
}
