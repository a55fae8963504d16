using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Lumen.Specs.Support;
using MimeKit;

namespace Lumen.Hub.Specs.Notifications.Senders;

/// <summary>One message the SMTP server accepted: the envelope, whether it came encrypted, who logged in, and the mail itself.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, bool Tls, string? Login, MimeMessage Mail, string Raw);

/// <summary>
/// A real SMTP server for the email specs: Debian's aiosmtpd running <c>smtp_receiver.py</c>
/// beside this file on 127.0.0.1, on a port the OS picks, plain, with STARTTLS or with implicit
/// TLS (a self-signed certificate made here), optionally requiring a login.
/// </summary>
public sealed class SmtpReceiver : IDisposable
{
    /// <summary>Debian's python, where python3-aiosmtpd installs (a python earlier on PATH may not have it).</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly string _folder;

    private SmtpReceiver(Process process, string folder, int port) => (_process, _folder, Port) = (process, folder, port);

    public int Port { get; }

    /// <param name="tls"><c>none</c>, <c>starttls</c> (offered, not required) or <c>implicit</c>.</param>
    /// <param name="login">when set, AUTH is offered (once encrypted) and required, with <paramref name="password"/>.</param>
    public static async Task<SmtpReceiver> StartAsync(string tls = "none", string? login = null, string? password = null)
    {
        var folder = Directory.CreateTempSubdirectory("lumen-smtp-").FullName;
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepositoryFiles.PathOf("specs/Lumen.Hub.Specs/Notifications/Senders/smtp_receiver.py"), "--folder", folder, "--tls", tls })
            start.ArgumentList.Add(arg);
        if (tls != "none")
        {
            var (cert, key) = SelfSignedCertificate(folder);
            foreach (var arg in new[] { "--cert", cert, "--key", key }) start.ArgumentList.Add(arg);
        }
        if (login is not null)
            foreach (var arg in new[] { "--login", login, "--password", password ?? "" }) start.ArgumentList.Add(arg);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var errors = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartWait);
        if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the SMTP receiver did not start (is python3-aiosmtpd installed?): {line}\n{await errors}");
        }
        return new SmtpReceiver(process, folder, int.Parse(line["listening on ".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<ReceivedMail> Messages =>
    [
        .. Directory.GetFiles(_folder, "*.json").Order(StringComparer.Ordinal).Select(meta =>
        {
            var json = JsonNode.Parse(File.ReadAllText(meta))!;
            var eml = Path.ChangeExtension(meta, ".eml");
            return new ReceivedMail((string)json["mail_from"]!, [.. json["rcpt_tos"]!.AsArray().Select(to => (string)to!)],
                (bool)json["tls"]!, (string?)json["login"], MimeMessage.Load(eml), File.ReadAllText(eml));
        }),
    ];

    public ReceivedMail Single => Assert.Single(Messages);

    /// <summary>A certificate for 127.0.0.1 that no one vouches for, as a LAN relay's often is.</summary>
    private static (string Cert, string Key) SelfSignedCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=smtp.lumen.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (certPath, keyPath) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
