using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lumen.Hub.Http;

/// <summary>
/// Reads a small JSON request body with a size cap, answering every way it can be wrong
/// (not JSON, too large, wrong field type, unknown field) with a 4xx naming the problem.
/// </summary>
public static class JsonBody
{
    /// <summary>Enough for any browser API body; anything larger is not a form someone filled in.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> typeInfo, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        var request = http.Request;
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, ApiErrors.Result(StatusCodes.Status415UnsupportedMediaType, "send the body as JSON with Content-Type: application/json"));
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, ApiErrors.Result(e.StatusCode, $"could not read the body: {e.Message}"));
        }

        if (buffer.Length == 0) return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, "the body is empty; expected a JSON object"));
        try
        {
            var value = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo);
            return value is null
                ? (null, ApiErrors.Result(StatusCodes.Status400BadRequest, "expected a JSON object, got null"))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, Describe(e)));
        }
        catch (ArgumentException e) when (e.ParamName == "key")
        {
            // A free-form object field (JsonObject) fills a dictionary, which refuses a key
            // twice with this rather than the serializer's duplicate-property error.
            var at = e.Message.IndexOf("Key: ", StringComparison.Ordinal);
            var key = at < 0 ? null : e.Message[(at + 5)..].Split(" (Parameter", 2)[0].Trim();
            return (null, ApiErrors.Result(StatusCodes.Status400BadRequest, $"duplicate field in the body{(key is null ? "" : $": '{key}'")}"));
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, $"body is larger than {maxBytes} bytes");

    // The serializer's own message names .NET types; the user needs the field and what is wrong.
    private static string Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path ? path[2..] : null;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"unknown field in the body{(field is null ? "" : $" at '{field}'")}";
        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"duplicate field in the body{(field is null ? "" : $": '{field}'")}";
        return field is null
            ? "the body is not a valid JSON object"
            : $"field '{field}' is malformed or has the wrong type";
    }
}
