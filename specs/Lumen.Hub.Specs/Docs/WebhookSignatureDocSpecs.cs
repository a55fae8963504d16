using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Docs;

/// <summary>
/// The signature checks docs/notifications/webhook.md gives (Python and shell) accept a request
/// the real hub signed and refuse one whose body or secret differs.
/// </summary>
public sealed partial class WebhookSignatureDocSpecs
{
    private const string Page = "docs/notifications/webhook.md";

    [Theory]
    [InlineData("python", "verify.py", "python3")]
    [InlineData("sh", "verify.sh", "sh")]
    public async Task Documented_check_should_accept_what_the_hub_signed_and_refuse_anything_else(string language, string title, string runner)
    {
        var script = Path.Combine(Path.GetTempPath(), $"lumen-{Guid.NewGuid():N}-{title}");
        await File.WriteAllTextAsync(script, Block(language, title));
        try
        {
            var (body, signature) = await SignedRequestAsync("docs-secret");

            Assert.Equal(0, await RunAsync(runner, script, "docs-secret", signature, body));
            Assert.Equal(1, await RunAsync(runner, script, "another secret", signature, body));
            Assert.Equal(1, await RunAsync(runner, script, "docs-secret", signature, [.. body, (byte)' ']));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The body and signature header of a Test sent by the real hub to a real receiver.</summary>
    private static async Task<(byte[] Body, string Signature)> SignedRequestAsync(string secret)
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var created = await browser.PostAsync("/api/alerts/channels", new StringContent(
            $$$"""{"name":"Docs","type":"webhook","config":{"url":"{{{receiver.Address}}}/hook","secret":"{{{secret}}}"}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync($"/api/alerts/channels/{id}/test", null)).StatusCode);
        var request = Assert.Single(receiver.Received);
        return (request.Body, request.Header("Lumen-Signature")!);
    }

    private static string Block(string language, string title)
    {
        var match = new Regex($"```{language} title=\"{Regex.Escape(title)}\"\\n(?<code>.*?)\\n```", RegexOptions.Singleline)
            .Match(RepositoryFiles.ReadText(Page).ReplaceLineEndings("\n"));
        Assert.True(match.Success, $"{Page} has no ```{language} title=\"{title}\" block");
        return match.Groups["code"].Value + "\n";
    }

    private static async Task<int> RunAsync(string runner, string script, string secret, string signature, byte[] body)
    {
        var start = new ProcessStartInfo(runner) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, secret, signature }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        await process.StandardInput.BaseStream.WriteAsync(body);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}
