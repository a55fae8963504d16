namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// Which push service addresses the hub sends to: <c>https://</c> (every browser's push
/// service is), and plain <c>http://</c> only to this machine (127.0.0.0/8, ::1,
/// <c>localhost</c>), so a push service running beside the hub, and the specs' stand-in for
/// one, can be used without a certificate; an http address anywhere else would carry the
/// VAPID token over the network in clear.
/// </summary>
public static class PushEndpoint
{
    /// <summary>Push services' addresses are a few hundred characters; this only stops junk.</summary>
    public const int MaxLength = 2048;

    public static bool TryParse(string? text, out Uri endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0) return false;
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) return false;
        endpoint = uri;
        return true;
    }

    public const string Rule = "must be an https:// address (http:// only to 127.0.0.1, ::1 or localhost)";
}
