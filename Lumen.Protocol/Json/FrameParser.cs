using System.Buffers;
using System.Text.Json;
using Lumen.Protocol.Ingest;

namespace Lumen.Protocol;

/// <summary>
/// Turns an ingest body into a frame, or into one message naming the field that is wrong.
/// Parsing and validation are one step so every caller refuses the same inputs.
/// </summary>
public static class FrameParser
{
    /// <summary>No frame nests deeper; the limit stops a hostile body from costing stack.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static FrameParseResult Parse(ReadOnlySequence<byte> body) => SerializerFrameParser.Parse(body);

    public static FrameParseResult Parse(ReadOnlySpan<byte> body) => Parse(new ReadOnlySequence<byte>(body.ToArray()));
}

/// <summary>Either a valid frame or the reason it was refused.</summary>
public readonly record struct FrameParseResult(IngestFrame? Frame, string? Error)
{
    public static FrameParseResult Valid(IngestFrame frame) => new(frame, null);
    public static FrameParseResult Invalid(string error) => new(null, error);
    public bool IsValid => Frame is not null;
}
