using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Notifications;

/// <summary>
/// The delivery log against the real hub binary: deliveries waiting for a retry when the hub is
/// SIGKILLed go out after it starts again, each delivered once (by its delivery id).
/// </summary>
public sealed class DeliveryRestartSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task Deliveries_pending_when_the_hub_is_killed_should_each_be_delivered_once_after_it_starts_again()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(500, "down"), new HttpReceiver.Answer(500, "down"));
        var token = new HostStore(_db.Database, TimeProvider.System).Add("web-1").Token;
        var second = 0;

        using (var hub = await RealHub.StartAsync(_db))
        {
            var browser = await hub.SignInAsync();
            await CreateAsync(browser, "/api/alerts/channels", $$$"""{"name":"Ops","type":"webhook","config":{"url":"{{{receiver.Address}}}/hook"}}""");
            await CreateAsync(browser, "/api/alerts/rules", """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""");
            await CreateAsync(browser, "/api/alerts/rules", """{"name":"Very hot CPU","metric":"cpu_pct","threshold":90}""");
            // Both refused once and waiting for their retry (5 s away, less a fifth) when the hub dies.
            await Eventually.TrueAsync(async () =>
            {
                await hub.PostFrameAsync(token, "95", second++);
                return _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'pending' AND attempts = 1") == 2;
            }, "two deliveries tried, refused and waiting", TimeSpan.FromSeconds(20));
            hub.Process.Kill();
        }
        Assert.Equal(2, receiver.Received.Count);

        using (var hub = await RealHub.StartAsync(_db))
        {
            await Eventually.TrueAsync(() => _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE status = 'sent'") == 2,
                "both deliveries sent after the restart", TimeSpan.FromSeconds(30), () => string.Join("\n", receiver.Received.Select(r => $"{r.Header("Lumen-Delivery-Id")} → {r.Answered}")),
                Eventually.ProcessPollEvery);
            Assert.Equal(0, await hub.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var taken = receiver.Received.Where(r => r.Answered == 200).Select(r => r.Header("Lumen-Delivery-Id")).ToList();
        Assert.Equal(2, taken.Count);
        Assert.Equal(2, taken.Distinct().Count());
        Assert.Equal(2, _db.Scalar("SELECT count(*) FROM notification_deliveries WHERE attempts = 2"));
    }

    private static async Task CreateAsync(HttpClient browser, string path, string json)
    {
        var response = await browser.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _db.Dispose();
}
