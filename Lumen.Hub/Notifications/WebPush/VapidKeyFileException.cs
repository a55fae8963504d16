namespace Lumen.Hub.Notifications.WebPush;

/// <summary>
/// The VAPID key file exists but cannot be used. The hub stops rather than make new keys:
/// new keys would silently cut off every browser subscribed to web push.
/// </summary>
public sealed class VapidKeyFileException(string path, string problem)
    : Exception($"{path} is not a usable VAPID key file: {problem}. Restore it from a backup of the data folder; " +
                "only if there is none, move it away and restart: the hub then makes new keys and every browser must press \"Notify this browser\" again")
{
    public string Path { get; } = path;
}
