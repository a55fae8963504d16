namespace Lumen.Hub.Notifications.Channels;

/// <summary>The channel types: the Go hub's seven and two it lacks.</summary>
public static class ChannelTypes
{
    public const string Ntfy = "ntfy";
    public const string Discord = "discord";
    public const string Webhook = "webhook";
    public const string Telegram = "telegram";
    public const string Email = "email";
    public const string Slack = "slack";
    public const string WebPush = "web_push";
    public const string Gotify = "gotify";
    public const string Pushover = "pushover";

    public static IReadOnlyList<string> All { get; } = [Ntfy, Discord, Webhook, Telegram, Email, Slack, WebPush, Gotify, Pushover];
}
