using System.Globalization;
using System.Net;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// What every HTTP channel does with a request: send it, and read the answer into a
/// <see cref="SendResult"/> a delivery row can show (the status, a short piece of the body, how
/// long a 429 asked to wait, and whether a retry can help).
/// </summary>
public static class HttpSend
{
    /// <summary>How much of an error body a delivery row keeps.</summary>
    public const int ErrorBodyLimit = 300;

    /// <summary>The client every channel's requests go through (named, so its handler is pooled).</summary>
    public const string ClientName = "lumen-notifications";

    public const string UserAgent = "lumen-hub/alerts";

    public static async Task<SendResult> SendAsync(HttpClient client, HttpRequestMessage request, string channelType, CancellationToken cancel)
    {
        try
        {
            request.Headers.UserAgent.ParseAdd(UserAgent);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            if ((int)response.StatusCode is >= 200 and < 300) return SendResult.Sent;
            var body = await ReadSomeAsync(response, cancel);
            var status = (int)response.StatusCode;
            var error = $"{channelType}: HTTP {status}" + (body.Length > 0 ? $": {body}" : "");
            return SendResult.Failed(error, status, RetryAfter(response), permanent: IsPermanent(status));
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return SendResult.Failed($"{channelType}: no answer within {client.Timeout.TotalSeconds:0} s");
        }
        catch (OperationCanceledException)
        {
            return SendResult.Failed($"{channelType}: no answer in time");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Failed($"{channelType}: {Describe(e)}");
        }
    }

    /// <summary>
    /// A 4xx other than 408 (timeout), 425 (too early) and 429 (too many) says the request
    /// itself is wrong (a revoked token, a deleted webhook): retrying the same request cannot
    /// help, so the row fails at once and says why; a user can retry it after fixing the channel.
    /// </summary>
    public static bool IsPermanent(int status) => status is >= 400 and < 500 and not 408 and not 425 and not 429;

    /// <summary>The wait a <c>Retry-After</c> header asks for, in seconds or as a date; null when there is none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        // Some services send fractional seconds, which the typed header refuses.
        if (response.Headers.TryGetValues("Retry-After", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        return null;
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancel)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancel);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length <= ErrorBodyLimit ? text : text[..ErrorBodyLimit] + "…";
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            return "";
        }
    }

    private static string Describe(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => $"cannot resolve the host name ({e.Message})",
        HttpRequestError.ConnectionError => $"cannot connect ({e.InnerException?.Message ?? e.Message})",
        HttpRequestError.SecureConnectionError => $"TLS failed ({e.InnerException?.Message ?? e.Message})",
        _ => e.Message,
    };

    /// <summary>Whether a config value is an absolute http or https address with a host.</summary>
    public static bool IsHttpUrl(string? text, out Uri? uri)
    {
        uri = null;
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host)) return false;
        uri = parsed;
        return true;
    }

    public static HttpStatusCode Status(SendResult result) => (HttpStatusCode)(result.HttpStatus ?? 0);
}
