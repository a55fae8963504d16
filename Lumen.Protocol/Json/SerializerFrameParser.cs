using System.Buffers;
using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>
/// The ingest contract as the source-generated deserializer and the validator define it: the
/// reference <see cref="FrameParser"/> must agree with, kept so a differential spec and the
/// parse benchmark can hold the hand-written reader to it. The hub does not call it.
/// </summary>
public static class SerializerFrameParser
{
    public static FrameParseResult Parse(ReadOnlySequence<byte> body)
    {
        IngestFrame? frame;
        var reader = new Utf8JsonReader(body, FrameParser.ReaderOptions);
        try
        {
            frame = JsonSerializer.Deserialize(ref reader, LumenJson.IngestFrame);
        }
        catch (JsonException e)
        {
            return FrameParseResult.Invalid(Describe(e));
        }

        if (!Json.FrameReader.EndsAfterValue(ref reader)) return FrameParseResult.Invalid(Json.FrameReader.TrailingContent);
        if (frame is null) return FrameParseResult.Invalid("body must be a JSON object, not null");
        return IngestValidator.Validate(frame) is { } error
            ? FrameParseResult.Invalid(error)
            : FrameParseResult.Valid(frame);
    }

    /// <summary>"$.containers[0].cpu_pct" → "containers[0].cpu_pct: …", so the field comes first.</summary>
    private static string Describe(JsonException e)
    {
        var field = e.Path is null or "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var reason = Reason(e);
        return field is null ? $"body is not a valid ingest frame: {reason}" : $"{field} has an invalid value: {reason}";
    }

    /// <summary>The serializer's reason without the path and position it appends.</summary>
    internal static string Reason(JsonException e) => e.InnerException?.Message ?? FirstSentence(e.Message);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
