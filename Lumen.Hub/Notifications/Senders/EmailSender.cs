using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Messages;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// Email over SMTP with MailKit: implicit TLS on port 465 (or <c>tls=implicit</c>), STARTTLS
/// when the server offers it (<c>tls=auto</c>) or always (<c>tls=starttls</c>), plain for a LAN
/// relay (<c>tls=none</c>); AUTH only when a username is set; one message to every recipient.
/// </summary>
public sealed class EmailSender : INotificationSender
{
    public const int MaxRecipients = 20;

    /// <summary>The <c>tls</c> settings; <c>auto</c> when absent.</summary>
    public static readonly string[] TlsModes = ["auto", "implicit", "starttls", "none"];

    public string Type => ChannelTypes.Email;

    public IReadOnlyList<string> SecretFields { get; } = ["password"];

    public string? CheckConfig(JsonObject config) => ConfigRules.First(
        ConfigRules.Required(config, "smtp_host"),
        ChannelConfig.Text(config, "smtp_host") is { } host && Uri.CheckHostName(host) == UriHostNameType.Unknown ? "config.smtp_host: must be a host name or IP address" : null,
        ConfigRules.WholeNumber(config, "smtp_port", 1, 65535, required: true),
        EmailAddresses.CheckOne(config, "from_addr"),
        EmailAddresses.CheckList(config, "to_addr", MaxRecipients),
        ConfigRules.OneOf(config, "tls", TlsModes),
        ConfigRules.Boolean(config, "skip_tls_verify"));

    public async Task<SendResult> SendAsync(NotificationChannel channel, OutgoingMessage message, CancellationToken cancel)
    {
        if (CheckConfig(channel.Config) is { } problem) return SendResult.Failed($"{Type}: {problem}", permanent: true);
        var host = channel.Text("smtp_host")!;
        var port = ConfigRules.Number(channel.Text("smtp_port"))!.Value;
        using var smtp = new SmtpClient { Timeout = (int)SendersWiring.SendTimeout.TotalMilliseconds };
        // For a LAN relay's self-signed certificate, by the channel's explicit choice.
        if (ConfigRules.IsTrue(channel.Config, "skip_tls_verify")) smtp.ServerCertificateValidationCallback = (_, _, _, _) => true;
        var step = EmailStep.Connect;
        try
        {
            await smtp.ConnectAsync(host, port, Security(channel.Text("tls"), port), cancel);
            if (channel.Text("username") is { } username)
            {
                step = EmailStep.Login;
                await smtp.AuthenticateAsync(username, channel.Text("password") ?? "", cancel);
            }
            step = EmailStep.Send;
            await smtp.SendAsync(Mail(channel, message), cancel);
        }
        catch (Exception e) when (EmailFailures.IsFarEnd(e))
        {
            return EmailFailures.Describe(e, step, $"{host}:{port}");
        }
        await EmailFailures.QuitQuietlyAsync(smtp);
        return SendResult.Sent;
    }

    public static SecureSocketOptions Security(string? tls, int port) => tls?.ToLowerInvariant() switch
    {
        "implicit" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        "none" => SecureSocketOptions.None,
        _ => port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>
    /// The mail: the title as subject, the body as UTF-8 plain text, and a Message-ID made of the
    /// delivery id, so a message sent again after a lost answer is recognisably the same one.
    /// </summary>
    public static MimeMessage Mail(NotificationChannel channel, OutgoingMessage message)
    {
        var from = channel.Text("from_addr")!;
        var mail = new MimeMessage
        {
            Subject = NotificationText.Title(message.Notifications),
            Date = DateTimeOffset.UtcNow,
            MessageId = $"lumen.{Safe(message.DeliveryId)}@{from[(from.LastIndexOf('@') + 1)..]}",
            Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = NotificationText.Body(message.Notifications) + "\n" },
        };
        mail.From.Add(new MailboxAddress("Lumen", from));
        foreach (var to in EmailAddresses.Split(channel.Text("to_addr")!)) mail.To.Add(MailboxAddress.Parse(to));
        // RFC 3834: an automatic message, so out-of-office replies do not answer it.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        MarkImportance(mail, message.Level());
        return mail;
    }

    /// <summary>Critical mail marked important (<c>Importance: high</c>, <c>X-Priority: 1</c>), info mail unimportant, the rest left unmarked.</summary>
    private static void MarkImportance(MimeMessage mail, MessageLevel level)
    {
        if (level == MessageLevel.Critical) (mail.Importance, mail.XPriority) = (MessageImportance.High, XMessagePriority.Highest);
        else if (level == MessageLevel.Info) (mail.Importance, mail.XPriority) = (MessageImportance.Low, XMessagePriority.Lowest);
    }

    private static string Safe(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());
}

/// <summary>Where an SMTP conversation stopped, for an error that says what failed.</summary>
public enum EmailStep
{
    Connect,
    Login,
    Send,
}
