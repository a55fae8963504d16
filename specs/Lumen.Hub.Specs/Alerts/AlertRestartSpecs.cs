using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lumen.Hub.Hosts;
using Lumen.Hub.Specs.Support;
using Lumen.Specs.Support;

namespace Lumen.Hub.Specs.Alerts;

/// <summary>
/// The alert journal against the real hub binary: a hub killed with SIGKILL or stopped while an
/// alert fires starts again knowing it fires, so it records no second event, and resolves it
/// with the first frame that no longer breaches.
/// </summary>
public sealed class AlertRestartSpecs : IDisposable
{
    private readonly TempDatabase _db = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Hub_should_not_fire_a_firing_alert_again_after_a_restart_and_should_resolve_it_with_the_next_frame(bool sigkill)
    {
        var token = new HostStore(_db.Database, TimeProvider.System).Add("web-1").Token;
        var second = 0;

        using (var hub = await RealHub.StartAsync(_db))
        {
            var browser = await hub.SignInAsync();
            var rule = await browser.PostAsync("/api/alerts/rules", new StringContent(
                """{"name":"Hot CPU","metric":"cpu_pct","threshold":80}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            await PostUntilAsync(hub, token, browser, "95", () => second++, "firing", 1);
            if (sigkill) hub.Process.Kill();
            else Assert.Equal(0, await hub.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        using (var hub = await RealHub.StartAsync(_db))
        {
            var browser = await hub.SignInAsync();
            // Breaching frames after the start: the alert fires already, so nothing new. A second
            // event would be recorded before the resolution below, which comes from the same host.
            for (var i = 0; i < 5; i++) await hub.PostFrameAsync(token, "95", second++);

            await PostUntilAsync(hub, token, browser, "10", () => second++, "resolved", 1);
            Assert.Equal(1, _db.Scalar("SELECT count(*) FROM alert_events"));
            Assert.Equal(0, await hub.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task Hub_killed_in_the_middle_of_a_countdown_should_go_on_counting_from_where_it_stood()
    {
        var token = new HostStore(_db.Database, TimeProvider.System).Add("web-1").Token;
        var second = 0;
        DateTimeOffset breachBegan;

        using (var hub = await RealHub.StartAsync(_db))
        {
            var browser = await hub.SignInAsync();
            var rule = await browser.PostAsync("/api/alerts/rules", new StringContent(
                """{"name":"Hot CPU","metric":"cpu_pct","threshold":80,"for_seconds":30}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
            // The countdown is persisted as it starts; the first frame may come before the rule reaches the host.
            breachBegan = DateTimeOffset.UtcNow;
            await Eventually.TrueAsync(async () =>
            {
                await hub.PostFrameAsync(token, "95", second++);
                return JournalHoldsACountdown();
            }, "the countdown in the alert journal", TimeSpan.FromSeconds(20));
            // Half way through the countdown, as an agent would keep sending.
            while (DateTimeOffset.UtcNow < breachBegan.AddSeconds(15)) await hub.PostFrameAsync(token, "95", second++);
            hub.Process.Kill();
        }
        var killedAt = DateTimeOffset.UtcNow;

        using (var hub = await RealHub.StartAsync(_db))
        {
            var browser = await hub.SignInAsync();
            await PostUntilAsync(hub, token, browser, "95", () => second++, "firing", 1, TimeSpan.FromSeconds(45));
            var started = DateTimeOffset.Parse(JsonDocument.Parse(await browser.GetStringAsync("/api/alerts/events?state=firing")).RootElement[0]
                .GetProperty("started_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

            // A countdown started afresh after the restart could not end before killedAt + 30 s.
            Assert.True(started < killedAt.AddSeconds(25), $"fired at {started:O}; the breach began at {breachBegan:O}, the hub was killed at {killedAt:O}");
            Assert.Equal(0, await hub.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
    }

    /// <summary>Whether the alert journal's file holds a recorded countdown (its events are JSON with a manifest).</summary>
    private bool JournalHoldsACountdown()
    {
        var journal = Path.Combine(_db.Folder, Lumen.Hub.Alerts.Journal.AlertJournalConfig.FileName);
        if (!File.Exists(journal)) return false;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={journal};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'journal';";
        if ((long)command.ExecuteScalar()! == 0) return false;
        command.CommandText = "SELECT count(*) FROM journal WHERE manifest = 'pending-started.v1';";
        return (long)command.ExecuteScalar()! > 0;
    }

    private static async Task PostUntilAsync(RealHub hub, string token, HttpClient browser, string cpu, Func<int> nextSecond, string state, int count,
        TimeSpan? timeout = null) =>
        await Eventually.TrueAsync(async () =>
        {
            await hub.PostFrameAsync(token, cpu, nextSecond());
            var events = JsonDocument.Parse(await browser.GetStringAsync($"/api/alerts/events?state={state}")).RootElement;
            return events.GetArrayLength() == count;
        }, $"{count} {state} event(s)", timeout ?? TimeSpan.FromSeconds(20));

    public void Dispose() => _db.Dispose();
}
