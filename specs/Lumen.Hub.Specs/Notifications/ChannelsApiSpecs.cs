using System.Net;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Notifications;

/// <summary><c>/api/alerts/channels</c> on the real hub: the Go hub's routes and fields, masked secrets, refused bodies, the Test button.</summary>
public sealed class ChannelsApiSpecs
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Channel_should_be_created_listed_updated_and_deleted_with_the_go_hubs_fields()
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var created = await browser.PostAsync("/api/alerts/channels", Body("""
            {"name":"Ops hook","type":"webhook","config":{"url":"https://hooks.example.lan/lumen"},"min_severity":"warning"}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = await JsonAsync(created);
        Assert.Equal(["id", "name", "type", "config", "owner_type", "enabled", "min_severity", "created_at", "updated_at"],
            channel.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Ops hook", "webhook", "admin", true, "warning"),
            (channel.GetProperty("name").GetString(), channel.GetProperty("type").GetString(), channel.GetProperty("owner_type").GetString(),
             channel.GetProperty("enabled").GetBoolean(), channel.GetProperty("min_severity").GetString()));
        var id = channel.GetProperty("id").GetInt64();

        var updated = await browser.PutAsync($"/api/alerts/channels/{id}", Body("""
            {"name":"Ops hook","type":"webhook","config":{"url":"https://hooks.example.lan/v2"},"enabled":false}
            """));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = await JsonAsync(updated);
        Assert.Equal(("https://hooks.example.lan/v2", false, "info"),
            (changed.GetProperty("config").GetProperty("url").GetString(), changed.GetProperty("enabled").GetBoolean(), changed.GetProperty("min_severity").GetString()));

        Assert.Equal(id, (await JsonAsync(await browser.GetAsync("/api/alerts/channels")))[0].GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/alerts/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.DeleteAsync($"/api/alerts/channels/{id}")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await browser.GetAsync("/api/alerts/channels"))).GetArrayLength());
    }

    [Fact]
    public async Task Secret_should_read_as_the_mask_and_be_kept_when_a_put_sends_the_mask_back()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var created = await JsonAsync(await browser.PostAsync("/api/alerts/channels", Body($$$"""
            {"name":"Signed","type":"webhook","config":{"url":"{{{receiver.Address}}}/hook","secret":"s3cret"}}
            """)));
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("**********", created.GetProperty("config").GetProperty("secret").GetString());

        // The form saved as it was shown: the mask comes back.
        var saved = await browser.PutAsync($"/api/alerts/channels/{id}", Body($$$"""
            {"name":"Signed again","type":"webhook","config":{"url":"{{{receiver.Address}}}/hook","secret":"**********"}}
            """));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync($"/api/alerts/channels/{id}/test", null)).StatusCode);

        var request = Assert.Single(receiver.Received);
        Assert.Equal(WebhookSender.Signature("s3cret", request.Body), request.Header("Lumen-Signature"));
        Assert.DoesNotContain("s3cret", await browser.GetStringAsync("/api/alerts/channels"));
    }

    [Fact]
    public async Task Send_to_a_far_end_that_does_not_answer_should_fail_after_ten_seconds()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(200, Delay: TimeSpan.FromSeconds(30)));
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var id = (await JsonAsync(await browser.PostAsync("/api/alerts/channels", Body($$$"""
            {"name":"Hanging","type":"webhook","config":{"url":"{{{receiver.Address}}}/hook"}}
            """)))).GetProperty("id").GetInt64();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await browser.PostAsync($"/api/alerts/channels/{id}/test", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("webhook: no answer within 10 s", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(9.5), $"failed after {started.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    [InlineData("""{"name":"x","type":"pager","config":{}}""", "type: 'pager' is not a channel type")]
    [InlineData("""{"name":"","type":"webhook","config":{"url":"https://a.lan"}}""", "name: is required")]
    [InlineData("""{"name":"x","type":"webhook","config":{}}""", "config.url: must be an http:// or https:// address")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"ftp://a.lan"}}""", "config.url: must be an http:// or https:// address")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"https://a.lan","digest_window":"2m"}}""", "config.digest_window")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"https://a.lan"},"min_severity":"loud"}""", "min_severity: 'loud' is not info, warning or critical")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"https://a.lan","secret":"**********"}}""", "config.secret: the mask stands for a stored secret")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"https://a.lan"},"colour":"red"}""", "colour")]
    [InlineData("""{"name":"x","type":"webhook","config":{"url":"https://a.lan","url":"https://b.lan"}}""", "duplicate field in the body: 'url'")]
    [InlineData("""{"name":"x","type":"email","config":{"smtp_host":"mail.lan","smtp_port":70000,"from_addr":"hub@lan","to_addr":"me@lan"}}""", "config.smtp_port")]
    [InlineData("""{"name":"x","type":"telegram","config":{"chat_id":"42"}}""", "config.bot_token")]
    public async Task Channel_body_should_be_refused_with_400_naming_the_field_and_nothing_written(string body, string error)
    {
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();

        var response = await browser.PostAsync("/api/alerts/channels", Body(body));

        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {answer}");
        Assert.Contains(error, JsonDocument.Parse(answer).RootElement.GetProperty("error").GetString());
        Assert.Equal(0, (await JsonAsync(await browser.GetAsync("/api/alerts/channels"))).GetArrayLength());
    }

    [Fact]
    public async Task Test_should_answer_502_with_the_channels_error_when_the_far_end_fails()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.AnswerWith(new HttpReceiver.Answer(404, "no such hook"));
        await using var hub = new HubFactory();
        var browser = await hub.SignedInClientAsync();
        var id = (await JsonAsync(await browser.PostAsync("/api/alerts/channels", Body($$$"""
            {"name":"Gone","type":"webhook","config":{"url":"{{{receiver.Address}}}/gone"},"enabled":false}
            """)))).GetProperty("id").GetInt64();

        var response = await browser.PostAsync($"/api/alerts/channels/{id}/test", null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var answer = await JsonAsync(response);
        Assert.Equal((false, "webhook: HTTP 404: no such hook"), (answer.GetProperty("ok").GetBoolean(), answer.GetProperty("error").GetString()));
        var test = JsonDocument.Parse(Assert.Single(receiver.Received).Body).RootElement;
        Assert.Equal(("Lumen test", "test-host", "firing"),
            (test.GetProperty("rule_name").GetString(), test.GetProperty("host").GetString(), test.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/api/alerts/channels/999/test", null)).StatusCode);
    }
}
