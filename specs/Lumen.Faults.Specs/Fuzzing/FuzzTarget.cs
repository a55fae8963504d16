using System.Text.Json.Nodes;

namespace Lumen.Faults.Specs.Fuzzing;

/// <summary>How a fuzzed request proves who it is.</summary>
public enum FuzzAuth
{
    /// <summary>An agent's bearer token.</summary>
    Agent,

    /// <summary>The signed-in session cookie.</summary>
    Session,

    /// <summary>No credentials, and the sign-in throttle in front: sent from ever other loopback addresses.</summary>
    Throttled,

    /// <summary>The session cookie and the throttle both.</summary>
    SessionThrottled,
}

/// <summary>One JSON endpoint of the hub, a valid body to mutate, and its share of the inputs.</summary>
public sealed record FuzzTarget(string Name, HttpMethod Method, string Path, JsonNode Seed, FuzzAuth Auth, double Share);

/// <summary>Every JSON endpoint of the hub on main, with a valid body each.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All(long hostId) =>
    [
        new("ingest", HttpMethod.Post, "/api/ingest", ValidFrame(), FuzzAuth.Agent, 0.55),
        new("settings", HttpMethod.Put, "/api/settings", JsonNode.Parse("""
            {"retention_window":"24h","retention_interval":"1h","agent_interval":"5s","downsample_bucket_size":"5m","downsample_hot_window":"24h","downsample_archive_window":"8760h"}
            """)!, FuzzAuth.Session, 0.1),
        new("add host", HttpMethod.Post, "/api/hosts", JsonNode.Parse("""{"name":"fuzzed-host"}""")!, FuzzAuth.Session, 0.08),
        new("host tags", HttpMethod.Put, $"/api/hosts/{hostId}/tags", JsonNode.Parse("""{"tags":{"env":"home","rack":"a1"}}""")!, FuzzAuth.Session, 0.08),
        new("login", HttpMethod.Post, "/api/login", JsonNode.Parse("""{"username":"faults-admin","password":"not-the-password"}""")!, FuzzAuth.Throttled, 0.08),
        new("register", HttpMethod.Post, "/api/register", JsonNode.Parse("""{"username":"second-admin","password":"long-enough-password"}""")!, FuzzAuth.Throttled, 0.05),
        new("password change", HttpMethod.Post, "/api/account/password", JsonNode.Parse("""{"current":"not-the-password","new":"another-long-password"}""")!, FuzzAuth.SessionThrottled, 0.06),
    ];

    /// <summary>A frame with every part the contract has: per-core, containers, system, GPUs, processes.</summary>
    public static JsonNode ValidFrame() => JsonNode.Parse($$"""
        {
          "host": "fuzz", "ts": "{{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ}}",
          "cpu_pct": 12.5, "cpu_per_core": [10, 15], "ram_pct": 40, "swap_pct": 0, "disk_pct": 55.5,
          "load1": 0.5, "load5": 0.4, "load15": 0.3, "net_rx_bps": 1000, "net_tx_bps": 2000,
          "disk_r_bps": 300, "disk_w_bps": 400, "temp_c": 48,
          "containers": [{"id":"abc123","name":"web","image":"nginx:1","state":"running","cpu_pct":1.5,"mem_used_bytes":1000,"mem_limit_bytes":2000,"mem_pct":50}],
          "system": {"os":"Debian","hostname":"fuzz","primary_ip":"192.0.2.1","kernel":"6.1","arch":"x86_64","cpu_model":"CPU","uptime_seconds":100,"agent_version":"1.0","virt_type":""},
          "gpus": [{"index":0,"name":"GPU","util_pct":10,"mem_used_mb":100,"mem_total_mb":1000,"temp_c":50}],
          "processes": [{"pid":1,"name":"init","user":"root","cpu_pct":0.1,"rss_mb":10,"cmd":"/sbin/init"}]
        }
        """)!;
}
