namespace Lumen.Hub.Http;

/// <summary>
/// The live stream's defence against cross-site WebSocket hijacking: a browser sends the
/// session cookie with a WebSocket handshake from any site, so the handshake's <c>Origin</c>
/// (scheme, host and port) must be the address the browser used to reach the hub itself.
/// Behind a reverse proxy that address is in <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Host</c>, believed only when the hub is told to trust its proxy
/// (<c>LUMEN_HUB_TRUST_PROXY</c>): a page cannot set those headers on a WebSocket, but a
/// client reaching the hub directly could.
/// </summary>
public static class SameOrigin
{
    /// <returns>null when the request comes from the hub's own origin, otherwise why it is refused.</returns>
    public static string? Refusal(HttpRequest request, bool trustProxy)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return "the Origin header is missing: the live stream serves the hub's own pages, which always send it";
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri) || originUri.Scheme is not ("http" or "https"))
            return $"Origin '{origin}' is not a web origin";

        var scheme = (trustProxy ? FirstValue(request.Headers["X-Forwarded-Proto"]) : null) ?? request.Scheme;
        var hostText = (trustProxy ? FirstValue(request.Headers["X-Forwarded-Host"]) : null) ?? request.Host.Value;
        if (string.IsNullOrEmpty(hostText))
            return "the request has no Host header to compare the Origin with";
        var host = HostString.FromUriComponent(hostText);

        var same = string.Equals(originUri.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
                   && string.Equals(originUri.Host, host.Host, StringComparison.OrdinalIgnoreCase)
                   && originUri.Port == (host.Port ?? DefaultPort(scheme));
        return same ? null : $"Origin '{origin}' is not this hub ({scheme}://{hostText}): the live stream serves the hub's own pages only";
    }

    /// <summary>A proxy chain appends: the first value is what the browser used.</summary>
    private static string? FirstValue(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values[0]?.Split(',')[0].Trim() is { Length: > 0 } first ? first : null;

    private static int DefaultPort(string scheme) =>
        string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
}
