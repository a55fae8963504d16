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
    public static FrameParseResult Parse(ReadOnlySequence<byte> body)
    {
        IngestFrame? frame;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            frame = JsonSerializer.Deserialize(ref reader, LumenJsonContext.Default.IngestFrame);
        }
        catch (JsonException e)
        {
            return FrameParseResult.Invalid(Describe(e));
        }

        if (frame is null) return FrameParseResult.Invalid("body must be a JSON object, not null");
        return IngestValidator.Validate(frame) is { } error
            ? FrameParseResult.Invalid(error)
            : FrameParseResult.Valid(frame);
    }

    public static FrameParseResult Parse(ReadOnlySpan<byte> body) => Parse(new ReadOnlySequence<byte>(body.ToArray()));

    /// <summary>"$.containers[0].cpu_pct" → "containers[0].cpu_pct: …", so the field comes first.</summary>
    private static string Describe(JsonException e)
    {
        var field = e.Path is null or "$" ? null : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var reason = e.InnerException?.Message ?? FirstSentence(e.Message);
        return field is null ? $"body is not a valid ingest frame: {reason}" : $"{field} has an invalid value: {reason}";
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>Either a valid frame or the reason it was refused.</summary>
public readonly record struct FrameParseResult(IngestFrame? Frame, string? Error)
{
    public static FrameParseResult Valid(IngestFrame frame) => new(frame, null);
    public static FrameParseResult Invalid(string error) => new(null, error);
    public bool IsValid => Frame is not null;
}
