using System.Text.Json;

namespace Lumen.Protocol.Json;

/// <summary>
/// A well-formed JSON value the frame does not allow, with where it sits. Thrown rather than
/// returned because a refusal is rare and ends the parse: the accepting path stays free of
/// error plumbing.
/// </summary>
internal sealed class FrameFieldException(FramePath path, string reason) : Exception(reason)
{
    public FramePath Path { get; } = path;

    /// <summary>The message an agent sees: the field first, as the serializer path put it.</summary>
    public string Describe() => Path.Describe() is { } field
        ? $"{field} has an invalid value: {Message}"
        : $"body is not a valid ingest frame: {Message}";

    public static FrameFieldException Expected(FramePath path, string expected, JsonTokenType got) =>
        new(path, $"expected {expected}, got {Describe(got)}");

    public static FrameFieldException Duplicate(FramePath path) =>
        new(path, $"the key '{path.Field}' appears more than once in this object");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
