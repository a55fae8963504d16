using System.Buffers;
using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol.Json;

/// <summary>
/// Turns an ingest body into a frame, or into one message naming the field that is wrong.
/// Parsing and validation are one step so every caller refuses the same inputs.
/// </summary>
/// <remarks>
/// The hub's hottest path: the hand-written <see cref="FrameReader"/> does the work in about
/// 60 % of the time of the source-generated deserializer and allocates only the frame itself
/// (<c>Lumen.Bench parse</c> measures both). The deserializer stays as
/// <see cref="SerializerFrameParser"/>, the reference a differential spec holds this one to.
/// </remarks>
public static class FrameParser
{
    /// <summary>No frame nests deeper; the limit stops a hostile body from costing stack.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static FrameParseResult Parse(ReadOnlySequence<byte> body)
    {
        // A body in one segment (nearly every frame) reads faster as a span.
        var reader = body.IsSingleSegment
            ? new Utf8JsonReader(body.FirstSpan, ReaderOptions)
            : new Utf8JsonReader(body, ReaderOptions);
        return FrameReader.Read(ref reader);
    }

    public static FrameParseResult Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        return FrameReader.Read(ref reader);
    }
}

/// <summary>Either a valid frame or the reason it was refused.</summary>
public readonly record struct FrameParseResult(IngestFrame? Frame, string? Error)
{
    public static FrameParseResult Valid(IngestFrame frame) => new(frame, null);
    public static FrameParseResult Invalid(string error) => new(null, error);
    public bool IsValid => Frame is not null;
}
