using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>
/// Reads an ingest body straight into an <see cref="IngestFrame"/> over <see cref="Utf8JsonReader"/>:
/// no DOM, no boxing, no per-object dictionary. It refuses what <see cref="SerializerFrameParser"/>
/// refuses and names the same field; a differential spec holds it to that.
/// </summary>
internal static class FrameReader
{
    public static FrameParseResult Read(ref Utf8JsonReader reader)
    {
        IngestFrame? frame;
        try
        {
            frame = ReadBody(ref reader);
        }
        catch (FrameFieldException e)
        {
            return FrameParseResult.Invalid(SyntaxErrorAfter(ref reader) ?? e.Describe());
        }
        catch (JsonException e)
        {
            // Only the reader throws these here: the body is not well-formed JSON.
            return FrameParseResult.Invalid(NotJson(e));
        }

        if (!EndsAfterValue(ref reader)) return FrameParseResult.Invalid(TrailingContent);
        if (frame is null) return FrameParseResult.Invalid("body must be a JSON object, not null");
        return IngestValidator.Validate(frame) is { } error
            ? FrameParseResult.Invalid(error)
            : FrameParseResult.Valid(frame);
    }

    private static IngestFrame? ReadBody(ref Utf8JsonReader reader)
    {
        reader.Read();
        return JsonObjectReader.ReadNullable<FrameFields, IngestFrame>(ref reader, FramePath.Body);
    }

    /// <summary>
    /// The serializer checks the whole body is well-formed JSON before it converts anything,
    /// so a syntax error anywhere outranks a bad value before it. Reading on to the end of the
    /// top-level value finds such an error; it costs nothing on the accepting path.
    /// </summary>
    private static string? SyntaxErrorAfter(ref Utf8JsonReader reader)
    {
        try
        {
            while (reader.CurrentDepth > 0 || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                if (!reader.Read()) break;
            return null;
        }
        catch (JsonException e)
        {
            return NotJson(e);
        }
    }

    internal const string TrailingContent = "body has content after the frame's closing brace; send one JSON object";

    /// <summary>
    /// True when nothing but white space follows the frame. Two objects in one body, or a
    /// frame followed by garbage, are refused rather than half-read.
    /// </summary>
    internal static bool EndsAfterValue(ref Utf8JsonReader reader)
    {
        try
        {
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string NotJson(JsonException e) => $"body is not a valid ingest frame: {e.Message}";
}
