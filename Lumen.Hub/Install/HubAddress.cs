using System.Text.RegularExpressions;

namespace Lumen.Hub.Install;

/// <summary>
/// The address agents reach the hub at, as the installer writes it into a shell script and
/// into <c>agent.yaml</c>: <c>http(s)://host[:port][/path]</c> without a trailing slash. Only
/// characters that mean nothing to a shell or to YAML get through; anything else is refused
/// rather than escaped, because the text came from a request header or an operator's typo.
/// </summary>
public static partial class HubAddress
{
    /// <summary>The longest host name DNS allows; a longer Host header is not a real address.</summary>
    private const int MaxHostLength = 253;

    /// <summary>Reads <c>LUMEN_HUB_PUBLIC_URL</c>; false when it is not a plain http(s) address.</summary>
    public static bool TryParse(string text, out string address)
    {
        address = "";
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0) return false;
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        if (!IsPlainHost(host)) return false;
        var path = uri.AbsolutePath.TrimEnd('/');
        if (!PlainPath().IsMatch(path)) return false;
        address = $"{uri.Scheme}://{host}{path}";
        return true;
    }

    /// <summary>
    /// The address a request reached the hub at (scheme and Host header), or null when the
    /// Host header is anything but a host name or IP literal with an optional port.
    /// </summary>
    public static string? FromRequest(HttpRequest request)
    {
        var host = request.Host.Value;
        if (request.Scheme is not ("http" or "https") || string.IsNullOrEmpty(host) || !IsPlainHost(host)) return null;
        return $"{request.Scheme}://{host}";
    }

    private static bool IsPlainHost(string host)
    {
        var match = PlainHost().Match(host);
        if (!match.Success || match.Groups["name"].Length > MaxHostLength) return false;
        return !match.Groups["port"].Success || int.Parse(match.Groups["port"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 65535;
    }

    /// <summary>
    /// DNS labels (underscores tolerated, homelabs have them), IPv4, or a bracketed IPv6
    /// literal; then an optional port. <c>\z</c>, not <c>$</c>: <c>$</c> also matches before a final newline.
    /// </summary>
    [GeneratedRegex(@"^(?<name>[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63})*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(?<port>[0-9]{1,5}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainHost();

    /// <summary>A reverse proxy's path prefix such as <c>/lumen</c>: unreserved characters and slashes only.</summary>
    [GeneratedRegex(@"^(?:/[A-Za-z0-9._~-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPath();
}
