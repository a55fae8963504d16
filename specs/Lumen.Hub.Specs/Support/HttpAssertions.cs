using System.Net;
using System.Text.Json;

namespace Lumen.Hub.Specs.Support;

/// <summary>Checks on hub responses shared by the HTTP specs.</summary>
public static class HttpAssertions
{
    /// <summary>Asserts the status and the <c>{"error":"…"}</c> body of design §4; returns the message.</summary>
    public static async Task<string> AssertApiErrorAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var error = json.RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    public static long LongHeader(this HttpResponseMessage response, string name) =>
        long.Parse(Assert.Single(response.Headers.GetValues(name)), System.Globalization.CultureInfo.InvariantCulture);
}
