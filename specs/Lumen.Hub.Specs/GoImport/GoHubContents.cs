namespace Lumen.Hub.Specs.GoImport;

/// <summary>
/// What the specs put in a Go hub's database, dated from the clock: two hosts (pi tagged
/// env=prod, silenced for an hour, with four snapshots in forms A, B and C from 5 minutes to
/// 3 days ago; nas with one), rows of a host the Go hub deleted, a user, settings, a tag with
/// two values (and one left behind by a deleted tag), a channel, a rule linked to it and a
/// maintenance window.
/// </summary>
public sealed record GoHubContents(string PiToken, string NasToken, DateTimeOffset Now)
{
    public const string Password = "correct horse battery";

    public static GoHubContents Fill(GoHubDatabase go)
    {
        var now = DateTimeOffset.UtcNow;
        var pi = go.AddHost("pi", lastSeen: now.AddMinutes(-1), silencedUntil: now.AddHours(1).ToUnixTimeSeconds(), os: "linux");
        var nas = go.AddHost("nas", lastSeen: now.AddMinutes(-2));
        go.AddUser("alice", Password);

        go.AddSnapshot("pi", now.AddMinutes(-5), 11, GoTimeForm.B);
        go.AddSnapshot("pi", now.AddMinutes(-10), 12, GoTimeForm.A);
        go.AddSnapshot("pi", now.AddMinutes(-15), 13, GoTimeForm.C);
        go.AddSnapshot("pi", now.AddDays(-3), 14, GoTimeForm.B);
        go.AddSnapshot("nas", now.AddMinutes(-5), 21, GoTimeForm.B);
        go.AddSnapshot("gone", now.AddMinutes(-5), 99, GoTimeForm.B);

        go.Execute("INSERT INTO tags (key, description) VALUES ('env', 'where it runs');");
        go.Execute("INSERT INTO tag_values (tag_key, value) VALUES ('env', 'prod'), ('env', 'lab'), ('deleted', 'x');");
        go.Execute($"INSERT INTO host_tags (host_id, key, value) VALUES ({go.HostId("pi")}, 'env', 'prod'), (999, 'env', 'lab');");

        go.Execute("""
            INSERT INTO settings (key, value) VALUES ('retention.window', '48h0m0s'), ('retention.delete_alerts_after', '720h0m0s'),
                ('agent.interval', '10s'), ('alerts.eval_interval', '15s'), ('processes.sort_by', 'rss'), ('backup.enabled', 'false'),
                ('downsample.bucket_size', 'soon');
            """);
        go.Execute("""INSERT INTO notification_channels (name, type, config) VALUES ('phone', 'ntfy', '{"url":"https://ntfy.example.lan/alerts","topic":"lab"}');""");
        go.Execute("""
            INSERT INTO alert_rules (name, metric, comparator, threshold, for_seconds, host_selector, severity, cooldown_seconds)
            VALUES ('CPU hot', 'cpu_pct', 'gt', 90, 60, 'env=prod', 'critical', 300);
            INSERT INTO alert_rule_channels (rule_id, channel_id) VALUES (1, 1), (1, 77);
            """);
        go.Execute("INSERT INTO maintenance_windows (start_at, end_at, reason, scope_tags) VALUES ($start, $end, 'kernel update', '{\"env\":\"prod\"}');",
            ("$start", GoHubDatabase.Time(now.AddHours(1), GoTimeForm.C)), ("$end", GoHubDatabase.Time(now.AddHours(2), GoTimeForm.C)));
        go.Execute("INSERT INTO api_keys (id, name, hash, preview, scopes) VALUES ('0123456789abcdef0123456789abcdef', 'grafana', 'h', 'lumk_abcdefg', '[]');");
        return new GoHubContents(pi, nas, now);
    }
}
