using System.Net.Sockets;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Lumen.Hub.Notifications.Senders;

/// <summary>
/// An SMTP failure as a delivery row shows it: the reply code and what failed
/// (<c>email: 535 authentication failed (…)</c>). A 5xx reply or a configuration the server
/// cannot work with (no STARTTLS, no AUTH, a certificate that does not verify) is permanent;
/// a 4xx reply, a refused connection or a timeout is retried.
/// </summary>
public static partial class EmailFailures
{
    /// <summary>
    /// Whether <paramref name="e"/> is the far end's doing (or its silence, or the caller's
    /// deadline, as <see cref="HttpSend"/> treats it), which a <see cref="SendResult"/> carries.
    /// </summary>
    public static bool IsFarEnd(Exception e) => e is OperationCanceledException or TimeoutException
        or MailKit.Security.AuthenticationException or SmtpCommandException or SslHandshakeException or ServiceNotAuthenticatedException
        or NotSupportedException or SocketException or IOException or ProtocolException or ServiceNotConnectedException;

    public static SendResult Describe(Exception e, EmailStep step, string server) => e switch
    {
        MailKit.Security.AuthenticationException auth => Reply(Code(auth), "authentication failed", auth.Message),
        SmtpCommandException command => Command(command),
        ServiceNotAuthenticatedException => SendResult.Failed("email: the server requires a login: set username and password", permanent: true),
        SslHandshakeException tls => SendResult.Failed($"email: TLS with {server} failed ({Why(tls)}); for a self-signed certificate set skip_tls_verify", permanent: true),
        NotSupportedException unsupported => SendResult.Failed($"email: {server}: {unsupported.Message}", permanent: true),
        OperationCanceledException or TimeoutException => SendResult.Failed($"email: {server} did not answer in time ({Doing(step)})"),
        _ => SendResult.Failed($"email: {(step == EmailStep.Connect ? "cannot connect to" : "connection lost with")} {server} ({e.Message})"),
    };

    /// <summary>Says goodbye once the message is accepted; a failing QUIT cannot unsend it.</summary>
    public static async Task QuitQuietlyAsync(SmtpClient smtp)
    {
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await smtp.DisconnectAsync(quit: true, wait.Token);
        }
        catch (Exception e) when (IsFarEnd(e))
        {
            // The message was accepted; the server closing first is its business.
        }
    }

    private static SendResult Command(SmtpCommandException e)
    {
        var what = e.ErrorCode switch
        {
            SmtpErrorCode.SenderNotAccepted => $"sender {e.Mailbox?.Address} refused",
            SmtpErrorCode.RecipientNotAccepted => $"recipient {e.Mailbox?.Address} refused",
            SmtpErrorCode.MessageNotAccepted => "message refused",
            _ => "unexpected reply",
        };
        return Reply((int)e.StatusCode, what, e.Message);
    }

    private static SendResult Reply(int? code, string what, string serverText) => SendResult.Failed(
        $"email: {(code is { } c ? $"{c} " : "")}{what} ({LeadingCode().Replace(serverText.ReplaceLineEndings(" ").Trim(), "")})",
        permanent: code is null or >= 500);

    /// <summary>The reply code of a failed login: its inner command's, or the one the message starts with.</summary>
    private static int? Code(MailKit.Security.AuthenticationException e)
    {
        if (e.InnerException is SmtpCommandException inner) return (int)inner.StatusCode;
        return ReplyCode().Match(e.Message) is { Success: true } match ? int.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string Doing(EmailStep step) => step switch
    {
        EmailStep.Connect => "connecting",
        EmailStep.Login => "logging in",
        _ => "sending",
    };

    /// <summary>MailKit keeps the certificate it refused; without one the handshake failed before it (a wrong port, no TLS there).</summary>
    private static string Why(SslHandshakeException e) => e.ServerCertificate is { } certificate
        ? $"its certificate {certificate.Subject} is not trusted"
        : (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"^[245]\d\d\b")]
    private static partial Regex ReplyCode();

    /// <summary>The "535: " MailKit puts before the server's words, already said by the error.</summary>
    [GeneratedRegex(@"^[245]\d\d:?\s+")]
    private static partial Regex LeadingCode();
}
