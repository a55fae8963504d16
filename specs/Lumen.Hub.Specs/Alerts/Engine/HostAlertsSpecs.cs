using Lumen.Hub.Alerts.Engine;
using static Lumen.Hub.Specs.Alerts.AlertRules;

namespace Lumen.Hub.Specs.Alerts.Engine;

/// <summary>One host's alerts judged frame by frame and by its timer, on made-up instants (the hub's clock).</summary>
public sealed class HostAlertsSpecs
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static HostAlerts Host(params Lumen.Hub.Alerts.Rules.AlertRule[] rules)
    {
        var host = new HostAlerts(1, "web-1", Start);
        Assert.Empty(host.Apply(Policy(rules), Start));
        return host;
    }

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void Scalar_rule_should_fire_on_the_first_breaching_frame_and_resolve_on_the_first_that_is_not()
    {
        var host = Host(Rule(7, "cpu_pct", threshold: 80));

        Assert.Empty(host.Observe(Frame(cpu: 50), At(5)));
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 93.2), At(10))));
        Assert.Empty(host.Observe(Frame(cpu: 95), At(15)));
        var resolved = Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(cpu: 41), At(20))));

        Assert.Equal(new AlertKey(7, 1, ""), fired.Key);
        Assert.Equal("CPU 93.2 % > 80 %", fired.Facts.Message);
        Assert.Equal((93.2, 80.0), (fired.Facts.Value, fired.Facts.Threshold));
        Assert.False(fired.Suppressed);
        Assert.Equal("CPU back to 41 % (below 80 %) after 10 s", resolved.Message);
    }

    [Fact]
    public void Scalar_rule_should_fire_once_the_breach_has_lasted_for_seconds_and_not_before()
    {
        var host = Host(Rule(7, "cpu_pct", threshold: 80, forSeconds: 60));

        Assert.IsType<PendingStarted>(Assert.Single(host.Observe(Frame(cpu: 90), At(0))));
        Assert.Empty(host.Observe(Frame(cpu: 90), At(55)));
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(60))));

        Assert.Equal("CPU 90 % > 80 % for 1 min", fired.Facts.Message);
    }

    [Fact]
    public void Countdown_should_clear_when_the_breach_ends_before_it_fires()
    {
        var host = Host(Rule(7, "cpu_pct", threshold: 80, forSeconds: 60));

        host.Observe(Frame(cpu: 90), At(0));
        Assert.IsType<PendingCleared>(Assert.Single(host.Observe(Frame(cpu: 10), At(30))));
        Assert.IsType<PendingStarted>(Assert.Single(host.Observe(Frame(cpu: 90), At(35))));
        Assert.Empty(host.Observe(Frame(cpu: 90), At(90)));
    }

    [Fact]
    public void Less_than_rule_should_fire_below_its_threshold()
    {
        var host = Host(Rule(7, "disk_pct", threshold: 5, comparator: Lumen.Hub.Alerts.Rules.Comparator.Lt));

        Assert.Empty(host.Observe(Frame(disk: 5), At(0)));
        Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(disk: 4.9), At(5))));
    }

    [Fact]
    public void Alert_should_fire_suppressed_within_its_cooldown_and_notify_again_after_it()
    {
        var host = Host(Rule(7, "cpu_pct", threshold: 80, cooldownSeconds: 600));

        Assert.False(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(0)))).Suppressed);
        host.Observe(Frame(cpu: 10), At(5));
        Assert.True(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(300)))).Suppressed);
        host.Observe(Frame(cpu: 10), At(305));
        Assert.False(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(901)))).Suppressed);
    }

    [Fact]
    public void Silenced_host_should_still_record_its_alerts_marked_suppressed()
    {
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(7, "cpu_pct", threshold: 80)], silencedUntil: At(100)), Start);

        Assert.True(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(10)))).Suppressed);
        Assert.True(Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(cpu: 10), At(20)))).Suppressed);
        Assert.False(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(101)))).Suppressed);
    }

    [Fact]
    public void Host_in_maintenance_should_record_its_alerts_marked_suppressed()
    {
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(7, "cpu_pct", threshold: 80)], maintenance: (name, _, now) => name == "web-1" && now < At(60)), Start);

        Assert.True(Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(10)))).Suppressed);
    }

    [Fact]
    public void Offline_rule_should_fire_by_its_timer_once_no_frame_came_for_its_window_and_resolve_on_the_next_frame()
    {
        var host = Host(Rule(3, "offline", forSeconds: 120));
        host.Observe(Frame(), At(10));

        Assert.Equal(At(130), host.NextDeadline);
        Assert.Empty(host.Tick(At(129)));
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Tick(At(131))));
        Assert.Null(host.NextDeadline);
        Assert.Empty(host.Tick(At(200)));
        var resolved = Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(), At(250))));

        Assert.Equal("offline: no frame for 2 min", fired.Facts.Message);
        Assert.Equal("online again after 4 min", resolved.Message);
        Assert.Equal(At(370), host.NextDeadline);
    }

    [Fact]
    public void Offline_rule_should_wait_at_least_a_minute_and_count_a_silent_host_from_the_hubs_start()
    {
        var host = Host(Rule(3, "offline", forSeconds: 0));

        Assert.Equal(Start + HostAlerts.MinOfflineWindow, host.NextDeadline);
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Tick(At(60))));
        Assert.Equal("offline: no frame since the hub started", fired.Facts.Message);
    }

    [Fact]
    public void Reboot_rule_should_record_one_event_over_at_once_when_the_boot_time_moves_forward()
    {
        var host = Host(Rule(4, "host_rebooted"));

        Assert.Empty(host.Observe(Frame(uptimeSeconds: 86_400), At(0)));
        Assert.Empty(host.Observe(Frame(uptimeSeconds: 86_405), At(5)));
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(uptimeSeconds: 42), At(300))));
        Assert.Empty(host.Observe(Frame(uptimeSeconds: 47), At(305)));

        Assert.True(fired.ResolvedAtOnce);
        Assert.Equal("rebooted: up 42 s", fired.Facts.Message);
    }

    [Fact]
    public void Reboot_rule_should_catch_a_reboot_while_the_hub_was_down_from_the_boot_time_it_stored()
    {
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(4, "host_rebooted")], bootedAt: At(-86_400)), Start);

        Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(uptimeSeconds: 3_600), At(5))));
    }

    [Fact]
    public void Container_rule_should_alert_per_watched_container_that_stops_and_end_when_it_runs_again()
    {
        var host = Host(Rule(5, "container_down", container: "jelly*"));

        Assert.Empty(host.Observe(Frame(containers: [("jellyfin", "running"), ("redis", "running")]), At(0)));
        var fired = Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(containers: [("redis", "exited")]), At(5))));
        Assert.Empty(host.Observe(Frame(containers: []), At(10)));
        var resolved = Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(containers: [("jellyfin", "running")]), At(15))));

        Assert.Equal(new AlertKey(5, 1, "jellyfin"), fired.Key);
        Assert.Equal("container jellyfin is not running", fired.Facts.Message);
        Assert.Equal("container jellyfin runs again after 10 s", resolved.Message);
    }

    [Fact]
    public void Container_rule_should_stop_watching_a_container_gone_for_a_day()
    {
        var host = Host(Rule(5, "container_down"));
        host.Observe(Frame(containers: [("old", "running")]), At(0));
        host.Observe(Frame(containers: [("other", "running")]), At(5));

        var ended = Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(containers: [("other", "running")]), At(86_406))));

        Assert.Contains("no longer watched", ended.Message);
        Assert.Empty(host.Observe(Frame(containers: [("other", "running")]), At(86_500)));
    }

    [Fact]
    public void Disk_forecast_should_fire_when_the_six_hour_trend_fills_the_disk_sooner_than_the_threshold()
    {
        var host = Host(Rule(6, "disk_full_hours", threshold: 24, comparator: Lumen.Hub.Alerts.Rules.Comparator.Lt));
        var transitions = new List<IAlertTransition>();

        // 2 % an hour from 80 %: judged once an hour of history is there, at 82 %, 9 h from full.
        for (var minute = 0; minute <= 120; minute += 5)
            transitions.AddRange(host.Observe(Frame(disk: 80 + minute / 30.0), At(minute * 60)));

        var fired = Assert.IsType<AlertFired>(Assert.Single(transitions));
        Assert.InRange(fired.Facts.Value!.Value, 8.9, 9.1);
        Assert.StartsWith("disk full in 9 h", fired.Facts.Message);
    }

    [Fact]
    public void Disk_forecast_should_judge_the_first_frame_after_a_start_from_the_stored_history()
    {
        var history = Enumerable.Range(0, 13).Select(i => (At(-3600 + i * 300), 80 + i / 6.0)).ToList();
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(6, "disk_full_hours", threshold: 24, comparator: Lumen.Hub.Alerts.Rules.Comparator.Lt)], diskHistory: history), Start);

        Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(disk: 82.1), At(60))));
    }

    [Fact]
    public void Disk_forecast_should_say_nothing_on_a_flat_disk_or_with_under_an_hour_of_history()
    {
        var host = Host(Rule(6, "disk_full_hours", threshold: 24, comparator: Lumen.Hub.Alerts.Rules.Comparator.Lt));

        for (var minute = 0; minute <= 50; minute += 5)
            Assert.Empty(host.Observe(Frame(disk: 80 + minute), At(minute * 60)));
        for (var minute = 55; minute <= 300; minute += 5)
            Assert.Empty(host.Observe(Frame(disk: 20), At(minute * 60)));
    }

    [Fact]
    public void Recovered_firing_alert_should_not_fire_again_and_should_resolve_on_the_first_frame_without_a_breach()
    {
        var firing = new RuleState { FiringSince = At(-600), LastFiredAt = At(-600) };
        var recovered = new Dictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>> { [1] = [new(new AlertKey(7, 1, ""), firing)] };
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(7, "cpu_pct", threshold: 80)], recovered: recovered), Start);

        Assert.Empty(host.Observe(Frame(cpu: 90), At(5)));
        Assert.IsType<AlertResolved>(Assert.Single(host.Observe(Frame(cpu: 10), At(10))));
    }

    [Fact]
    public void Recovered_countdown_should_go_on_from_where_it_stood()
    {
        var pending = new RuleState { PendingSince = At(-50) };
        var recovered = new Dictionary<long, IReadOnlyList<KeyValuePair<AlertKey, RuleState>>> { [1] = [new(new AlertKey(7, 1, ""), pending)] };
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(7, "cpu_pct", threshold: 80, forSeconds: 60)], recovered: recovered), Start);

        Assert.IsType<AlertFired>(Assert.Single(host.Observe(Frame(cpu: 90), At(10))));
    }

    [Fact]
    public void Firing_alert_should_end_when_its_rule_stops_watching_the_host()
    {
        var host = Host(Rule(7, "cpu_pct", threshold: 80), Rule(8, "cpu_pct", threshold: 50));
        host.Observe(Frame(cpu: 90), At(0));

        var ended = host.Apply(Policy([Rule(8, "cpu_pct", threshold: 50)], version: 2), At(5));

        var resolved = Assert.IsType<AlertResolved>(Assert.Single(ended));
        Assert.Equal(new AlertKey(7, 1, ""), resolved.Key);
    }

    [Fact]
    public void Rules_should_watch_hosts_by_name_pattern_or_by_tags_the_selector_winning()
    {
        var host = new HostAlerts(1, "web-1", Start);
        host.Apply(Policy([Rule(1, "cpu_pct", host: "db-*"), Rule(2, "cpu_pct", host: "web-*"), Rule(3, "cpu_pct", host: "web-*", selector: "env=prod"), Rule(4, "cpu_pct", selector: "env=staging")],
            tags: new Dictionary<string, string> { ["env"] = "staging" }), Start);

        Assert.Equal([2L, 4L], host.Rules.Select(rule => rule.Id));
    }

    [Fact]
    public void Frame_before_the_first_policy_should_be_judged_when_the_policy_comes()
    {
        var host = new HostAlerts(1, "web-1", Start);

        Assert.Empty(host.Observe(Frame(cpu: 90), At(1)));
        Assert.IsType<AlertFired>(Assert.Single(host.Apply(Policy([Rule(7, "cpu_pct", threshold: 80)]), At(2))));
    }
}
