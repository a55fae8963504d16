using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Lumen.Hub.Notifications.Messages;
using Lumen.Hub.Notifications.Senders;
using MailKit.Security;
using static Lumen.Hub.Specs.Notifications.Senders.SenderSamples;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>
/// Email against a real SMTP server (aiosmtpd, see <see cref="SmtpReceiver"/>): plain, STARTTLS
/// and implicit TLS, AUTH only with a username, one message to several recipients, and the
/// server's refusals mapped to permanent (5xx) or retried (4xx, no connection) failures.
/// </summary>
public sealed class EmailSenderSpecs
{
    private const string Recipients = "ops@example.net, oncall@example.net,boss@example.org";

    private static JsonObject Relay(SmtpReceiver smtp, string more = "") =>
        Config($$"""{"smtp_host":"127.0.0.1","smtp_port":{{smtp.Port}},"from_addr":"lumen@example.net","to_addr":"{{Recipients}}"{{more}}}""");

    [Fact]
    public async Task Sender_should_deliver_one_message_to_every_recipient_through_a_plain_relay()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp, ""","tls":"none" """), FiringMessage);

        Assert.True(result.Ok, result.Error);
        var received = smtp.Single;
        Assert.Equal("lumen@example.net", received.MailFrom);
        Assert.Equal(["ops@example.net", "oncall@example.net", "boss@example.org"], received.RcptTo);
        Assert.False(received.Tls);
        Assert.Null(received.Login);
        var mail = received.Mail;
        Assert.Equal("\"Lumen\" <lumen@example.net>", mail.From.ToString());
        Assert.Equal(["ops@example.net", "oncall@example.net", "boss@example.org"], mail.To.Mailboxes.Select(to => to.Address));
        Assert.Equal("[critical] web-1: CPU 93 % > 80 % for 1 min", mail.Subject);
        Assert.Equal(NotificationText.Body(Firing) + "\n", mail.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("https://lumen.example.net/hosts/1", mail.TextBody);
        Assert.Equal("utf-8", mail.BodyParts.Single().ContentType.Charset, ignoreCase: true);
        Assert.Equal("lumen.d-41-firing@example.net", mail.MessageId);
        Assert.Contains("\nDate: ", received.Raw.ReplaceLineEndings("\n"));
        Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task Sender_should_send_the_resolved_and_grouped_messages_with_their_own_subjects()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        Assert.True((await SendAsync("email", Relay(smtp), ResolvedMessage)).Ok);
        Assert.True((await SendAsync("email", Relay(smtp), GroupMessage)).Ok);

        var (resolved, group) = (smtp.Messages[0].Mail, smtp.Messages[1].Mail);
        Assert.Equal("[resolved] web-1: CPU back to 41 % (below 80 %) after 12 min", resolved.Subject);
        Assert.Contains("(lasted 12 min)", resolved.TextBody);
        Assert.Equal("[critical] 2 alerts, 1 resolved on 3 hosts", group.Subject);
        Assert.Equal(3, group.TextBody!.Trim().ReplaceLineEndings("\n").Split('\n').Length);
    }

    [Theory]
    [InlineData("critical", "high", "1 (Highest)")]
    [InlineData("warning", null, null)]
    [InlineData("info", "low", "5 (Lowest)")]
    public async Task Sender_should_mark_importance_by_severity(string severity, string? importance, string? xPriority)
    {
        using var smtp = await SmtpReceiver.StartAsync();

        Assert.True((await SendAsync("email", Relay(smtp), WithSeverity(severity))).Ok);

        Assert.Equal(importance, smtp.Single.Mail.Headers["Importance"]);
        Assert.Equal(xPriority, smtp.Single.Mail.Headers["X-Priority"]);
    }

    [Fact]
    public async Task Sender_should_keep_text_beyond_ascii_intact()
    {
        using var smtp = await SmtpReceiver.StartAsync();
        var hot = new OutgoingMessage("d-temp", [Firing with { Host = "nås", Message = "CPU temperature 91 °C > 85 °C" }]);

        Assert.True((await SendAsync("email", Relay(smtp), hot)).Ok);

        Assert.Equal("[critical] nås: CPU temperature 91 °C > 85 °C", smtp.Single.Mail.Subject);
        Assert.StartsWith("CPU temperature 91 °C > 85 °C\n", smtp.Single.Mail.TextBody!.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Sender_should_use_starttls_when_the_server_offers_it()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "starttls");

        var result = await SendAsync("email", Relay(smtp, ""","skip_tls_verify":true"""), FiringMessage);

        Assert.True(result.Ok, result.Error);
        Assert.True(smtp.Single.Tls);
    }

    [Fact]
    public async Task Sender_should_speak_tls_from_the_first_byte_when_tls_is_implicit()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "implicit");

        var result = await SendAsync("email", Relay(smtp, ""","tls":"implicit","skip_tls_verify":"true" """), FiringMessage);

        Assert.True(result.Ok, result.Error);
        Assert.True(smtp.Single.Tls);
    }

    [Theory]
    [InlineData(null, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData("auto", 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(null, 587, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("auto", 25, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("implicit", 2465, SecureSocketOptions.SslOnConnect)]
    [InlineData("STARTTLS", 465, SecureSocketOptions.StartTls)]
    [InlineData("none", 465, SecureSocketOptions.None)]
    public void Sender_should_choose_tls_by_setting_and_port(string? tls, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, EmailSender.Security(tls, port));

    [Fact]
    public async Task Sender_should_log_in_when_a_username_is_set()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "starttls", login: "lumen", password: "s3cret");

        var result = await SendAsync("email", Relay(smtp, ""","skip_tls_verify":true,"username":"lumen","password":"s3cret" """), FiringMessage);

        Assert.True(result.Ok, result.Error);
        Assert.Equal("lumen", smtp.Single.Login);
        Assert.True(smtp.Single.Tls);
    }

    [Fact]
    public async Task Sender_should_fail_at_once_saying_authentication_failed_on_a_wrong_password()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "starttls", login: "lumen", password: "s3cret");

        var result = await SendAsync("email", Relay(smtp, ""","skip_tls_verify":true,"username":"lumen","password":"wrong" """), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.Equal("email: 535 authentication failed (5.7.8 Authentication credentials invalid)", result.Error);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Sender_should_not_log_in_without_a_username_and_say_the_server_wants_one()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "starttls", login: "lumen", password: "s3cret");

        var result = await SendAsync("email", Relay(smtp, ""","skip_tls_verify":true"""), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.Equal("email: the server requires a login: set username and password", result.Error);
    }

    [Fact]
    public async Task Sender_should_refuse_a_self_signed_certificate_unless_told_to_skip_the_check()
    {
        using var smtp = await SmtpReceiver.StartAsync(tls: "starttls");

        var result = await SendAsync("email", Relay(smtp), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.Equal($"email: TLS with 127.0.0.1:{smtp.Port} failed (its certificate CN=smtp.lumen.test is not trusted); for a self-signed certificate set skip_tls_verify", result.Error);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Sender_should_fail_at_once_when_tls_is_implicit_but_the_server_speaks_plain_smtp()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp, ""","tls":"implicit" """), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.StartsWith($"email: TLS with 127.0.0.1:{smtp.Port} failed (", result.Error);
    }

    [Fact]
    public async Task Sender_should_fail_at_once_when_starttls_is_required_but_not_offered()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp, ""","tls":"starttls" """), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.Equal($"email: 127.0.0.1:{smtp.Port}: The SMTP server does not support the STARTTLS extension.", result.Error);
    }

    [Fact]
    public async Task Sender_should_fail_at_once_on_a_550_naming_the_refused_recipient()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp).With("to_addr", "ops@example.net,refuse550@example.net"), FiringMessage);

        Assert.False(result.Ok);
        Assert.True(result.Permanent, result.Error);
        Assert.Equal("email: 550 recipient refuse550@example.net refused (5.1.1 mailbox unavailable)", result.Error);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Sender_should_retry_a_451()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp).With("to_addr", "busy451@example.net"), FiringMessage);

        Assert.False(result.Ok);
        Assert.False(result.Permanent, result.Error);
        Assert.StartsWith("email: 451 recipient busy451@example.net refused", result.Error);
    }

    [Fact]
    public async Task Sender_should_fail_at_once_when_a_username_is_set_but_the_server_offers_no_login()
    {
        using var smtp = await SmtpReceiver.StartAsync();

        var result = await SendAsync("email", Relay(smtp, ""","username":"lumen","password":"x" """), FiringMessage);

        Assert.True(result.Permanent, result.Error);
        Assert.Equal($"email: 127.0.0.1:{smtp.Port}: The SMTP server does not support authentication.", result.Error);
    }

    [Fact]
    public async Task Sender_should_retry_when_nothing_listens()
    {
        var port = ClosedPort();

        var result = await SendAsync("email",
            Config($$"""{"smtp_host":"127.0.0.1","smtp_port":{{port}},"from_addr":"lumen@example.net","to_addr":"ops@example.net"}"""), FiringMessage);

        Assert.False(result.Ok);
        Assert.False(result.Permanent, result.Error);
        Assert.Equal($"email: cannot connect to 127.0.0.1:{port} (Connection refused)", result.Error);
    }

    [Theory]
    [InlineData("""{"smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f"}""", "smtp_host")]
    [InlineData("""{"smtp_host":"mail relay","smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f"}""", "smtp_host")]
    [InlineData("""{"smtp_host":"mail","from_addr":"a@b.c","to_addr":"d@e.f"}""", "smtp_port")]
    [InlineData("""{"smtp_host":"mail","smtp_port":0,"from_addr":"a@b.c","to_addr":"d@e.f"}""", "smtp_port")]
    [InlineData("""{"smtp_host":"mail","smtp_port":"587.5","from_addr":"a@b.c","to_addr":"d@e.f"}""", "smtp_port")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"lumen","to_addr":"d@e.f"}""", "from_addr")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c"}""", "to_addr")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f,"}""", "to_addr")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f, g@"}""", "to_addr")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f","tls":"ssl"}""", "tls")]
    [InlineData("""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c","to_addr":"d@e.f","skip_tls_verify":"yes"}""", "skip_tls_verify")]
    public void Sender_should_refuse_a_config_naming_the_field(string config, string field) => AssertConfigError("email", config, field);

    [Fact]
    public void Sender_should_say_the_port_must_be_a_whole_number_from_1_to_65535() =>
        Assert.Equal("config.smtp_port: must be a whole number from 1 to 65535",
            Sender("email").CheckConfig(Config("""{"smtp_host":"mail","smtp_port":70000,"from_addr":"a@b.c","to_addr":"d@e.f"}""")));

    [Fact]
    public void Sender_should_allow_20_recipients_not_21()
    {
        string Config(int count) => $$"""{"smtp_host":"mail","smtp_port":25,"from_addr":"a@b.c","to_addr":"{{string.Join(",", Enumerable.Range(1, count).Select(i => $"u{i}@example.net"))}}"}""";

        Assert.Null(Sender("email").CheckConfig(SenderSamples.Config(Config(20))));
        Assert.Equal("config.to_addr: at most 20 addresses", Sender("email").CheckConfig(SenderSamples.Config(Config(21))));
        Assert.Equal(["password"], Sender("email").SecretFields);
    }

    /// <summary>A port the OS just handed out and took back: nothing listens there.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class JsonObjectEdits
{
    public static JsonObject With(this JsonObject config, string field, string value)
    {
        config[field] = value;
        return config;
    }
}
