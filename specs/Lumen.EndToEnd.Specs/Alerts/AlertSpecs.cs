using Lumen.EndToEnd.Specs.Support;
using Lumen.Hub.Alerts.Events;
using Lumen.Hub.Alerts.Rules;
using Lumen.Hub.Notifications.Channels;
using Lumen.Hub.Notifications.Senders;
using Lumen.Hub.Storage;
using Lumen.Specs.Support;
using Xunit.Abstractions;

namespace Lumen.EndToEnd.Specs.Alerts;

/// <summary>
/// Alerts with the real hub and the real agent: a rule true at once fires within an interval
/// of the agent's first frame and is not fired again by a hub stopped or killed while it fires;
/// a killed agent goes offline after its window and comes back online when it starts again,
/// and a webhook hears both, signed, in order.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class AlertSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);
    private readonly LumenRig _rig = new(output);

    /// <summary>Writes a rule before the hub starts (a running hub hears of rules through its API).</summary>
    private void AddRule(AlertRuleBody body)
    {
        var store = new AlertRuleStore(new LumenDatabase(_rig.DatabasePath), TimeProvider.System);
        var (rule, error) = AlertRuleCheck.Check(body, 0, store.Now, store.Now, [], _ => new HashSet<long>());
        _rig.Check(error is null, $"the spec's rule is refused: {error}");
        store.Create(rule!);
    }

    /// <summary>A signed webhook channel, written before the hub starts.</summary>
    private void AddWebhook(string url, string secret) =>
        new ChannelStore(new LumenDatabase(_rig.DatabasePath), TimeProvider.System).Create(new NotificationChannel(
            0, "Ops", ChannelTypes.Webhook, new() { ["url"] = url, ["secret"] = secret }, true, AlertSeverity.Info, default, default));

    private IReadOnlyList<AlertEventView> Events(string metric) =>
        new AlertEventStore(new LumenDatabase(_rig.DatabasePath)).List("all", 100).Where(e => e.Metric == metric).ToList();

    private async Task<AlertEventView> EventAsync(string metric, string state, TimeSpan timeout)
    {
        AlertEventView? found = null;
        await Eventually.TrueAsync(() => (found = Events(metric).FirstOrDefault(e => e.State == state)) is not null,
            $"a {state} {metric} event", timeout, () => _rig.Diagnostics(), Eventually.ProcessPollEvery);
        return found!;
    }

    [Fact]
    public async Task True_rule_should_fire_within_an_interval_and_not_again_after_a_sigterm_or_a_sigkill_of_the_hub()
    {
        AddRule(new AlertRuleBody { Name = "Memory in use", Metric = "ram_pct", Threshold = 0.1 });
        await _rig.StartHubAsync();
        await _rig.StartAgentAsync();

        var firing = await EventAsync("ram_pct", "firing", TimeSpan.FromSeconds(30));
        var firstTick = (await _rig.WaitForTicksAsync(t => t.Count >= 1, "the first stored tick", TimeSpan.FromSeconds(30))).First;
        _rig.Check(firing.StartedAt <= firstTick + LumenRig.Interval + Slack,
            $"the rule fired at {firing.StartedAt:O}; the agent's first frame was taken at {firstTick:O}");

        await _rig.StopHubAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        await _rig.StartHubAsync();
        await _rig.WaitForTicksAsync(t => t.Last > restartedAt + LumenRig.Interval * 3, "3 ticks after the SIGTERM", TimeSpan.FromSeconds(40));

        _rig.KillHub();
        restartedAt = DateTimeOffset.UtcNow;
        await _rig.StartHubAsync();
        await _rig.WaitForTicksAsync(t => t.Last > restartedAt + LumenRig.Interval * 3, "3 ticks after the SIGKILL", TimeSpan.FromSeconds(40));

        var events = Events("ram_pct");
        _rig.Check(events.Count == 1 && events[0].Id == firing.Id && events[0].State == "firing",
            $"after two restarts: {string.Join("; ", events.Select(e => $"#{e.Id} {e.State} from {e.StartedAt:O}"))}");
    }

    [Fact]
    public async Task Killed_agent_should_go_offline_after_its_window_and_come_back_online_when_it_starts_again_and_a_webhook_hear_both()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        AddWebhook($"{receiver.Address}/lumen", "e2e-secret");
        AddRule(new AlertRuleBody { Name = "Gone", Metric = "offline", ForSeconds = 0, Severity = "critical" });
        await _rig.StartHubAsync();
        await _rig.StartAgentAsync();
        await _rig.WaitForTicksAsync(t => t.Count >= 2, "2 stored ticks", TimeSpan.FromSeconds(30));

        _rig.KillAgent();
        var killedAt = DateTimeOffset.UtcNow;
        var offline = await EventAsync("offline", "firing", TimeSpan.FromSeconds(100));
        var lastTick = _rig.Ticks().Last;
        _rig.Check(offline.StartedAt >= lastTick + TimeSpan.FromSeconds(60) - Slack && offline.StartedAt <= killedAt + TimeSpan.FromSeconds(60) + LumenRig.Interval + Slack,
            $"offline fired at {offline.StartedAt:O}; the last tick was at {lastTick:O}, the kill at {killedAt:O}, the window is 60 s");

        await _rig.StartAgentAsync();
        var online = await EventAsync("offline", "resolved", TimeSpan.FromSeconds(30));
        _rig.Check(online.Id == offline.Id && online.ResolvedMessage?.StartsWith("online again after", StringComparison.Ordinal) == true,
            $"resolved #{online.Id}: {online.ResolvedMessage}");

        await Eventually.TrueAsync(() => receiver.Received.Count >= 2, "the firing and resolved notifications", TimeSpan.FromSeconds(15),
            () => _rig.Diagnostics(), Eventually.ProcessPollEvery);
        var heard = receiver.Received.Select(r => (Request: r, Body: System.Text.Json.JsonDocument.Parse(r.Body).RootElement)).ToList();
        _rig.Check(heard.Count == 2 && heard.All(h => h.Request.Header("Lumen-Signature") == WebhookSender.Signature("e2e-secret", h.Request.Body)),
            $"{heard.Count} signed requests: {string.Join("; ", heard.Select(h => h.Request.Text))}");
        _rig.Check(heard.Select(h => (h.Body.GetProperty("event_id").GetInt64(), h.Body.GetProperty("state").GetString()))
                .SequenceEqual([(offline.Id, "firing"), (offline.Id, "resolved")]),
            $"in order: {string.Join("; ", heard.Select(h => h.Request.Text))}");
    }

    public void Dispose() => _rig.Dispose();
}
