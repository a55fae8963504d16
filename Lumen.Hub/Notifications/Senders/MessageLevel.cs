namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// How loud a message is, for the services that have priorities and colours: the worst
/// severity still firing in it, or <see cref="Resolved"/> when everything in it has ended.
/// </summary>
public enum MessageLevel
{
    Resolved,
    Info,
    Warning,
    Critical,
}

public static class MessageLevels
{
    public static MessageLevel Level(this OutgoingMessage message)
    {
        var firing = message.Notifications.Where(n => !n.IsResolved).Select(n => n.Severity).ToList();
        if (firing.Count == 0) return MessageLevel.Resolved;
        return firing.Max(severity => severity switch
        {
            "critical" => MessageLevel.Critical,
            "warning" => MessageLevel.Warning,
            _ => MessageLevel.Info,
        });
    }

    /// <summary>The Go hub's colours (Bootstrap's success, danger, orange and primary), shared by Slack and Discord.</summary>
    public static int Rgb(this MessageLevel level) => level switch
    {
        MessageLevel.Resolved => 0x198754,
        MessageLevel.Critical => 0xdc3545,
        MessageLevel.Warning => 0xfd7e14,
        _ => 0x0d6efd,
    };

    public static string HexColor(this MessageLevel level) => $"#{level.Rgb():x6}";
}
