namespace Lumen.Hub.Cli;

/// <summary>What <c>lumen-hub --help</c> prints: commands and every variable with its default.</summary>
public static class HelpText
{
    public const string Hub = """
        lumen-hub — the Lumen monitoring hub

        Usage:
          lumen-hub                      run the hub
          lumen-hub hosts add NAME       add a host and print its agent token (shown once)
          lumen-hub hosts list           list hosts
          lumen-hub hosts rotate NAME    issue a new token; the old one stops working at once
          lumen-hub hosts remove NAME    remove a host, its token and its history
          lumen-hub users list           list dashboard accounts
          lumen-hub users reset-password NAME
                                         set a new generated password (shown once) and end
                                         that user's sessions
          lumen-hub import-go PATH [--history-days N] [--merge]
                                         import a Go Lumen hub's database (hosts and their
                                         tokens, users, settings, alerts, history); see
                                         lumen-hub import-go --help
          lumen-hub healthcheck          exit 0 if the hub configured here answers /healthz
          lumen-hub restore FILE [--force]
                                         replace the database with a backup (checked first;
                                         the old one is kept beside it); stop the hub first
          lumen-hub --version            print the version
          lumen-hub --help               this text

        Each variable below can also be given as an option, --LUMEN_HUB_ADDR=:9000 or
        --LUMEN_HUB_ADDR :9000. Any other word or option stops with this text and exit code 2.

        The host and user commands work on the same database while the hub runs. On a machine
        to monitor:
          curl -fsSL http://HUB:8090/install.sh | sudo bash -s -- --token lum_…

        Environment (defaults in brackets):
          LUMEN_HUB_ADDR                  listen address [:8090]
          LUMEN_HUB_DB_PATH               SQLite file [/var/lib/lumen/lumen.db, or ./data/lumen.db
                                          when /var/lib/lumen is not writable]
          LUMEN_HUB_STREAM_INTERVAL       live stream period [5s; 1s–1m]
          LUMEN_HUB_TRUST_PROXY           believe X-Forwarded-Proto/-Host in the live stream's
                                          origin check; only behind a reverse proxy [false]
          LUMEN_HUB_BATCH_FLUSH_EVERY     longest wait before snapshots are written [60s]
          LUMEN_HUB_BATCH_FLUSH_SIZE      rows per write transaction [5000]
          LUMEN_HUB_BATCH_QUEUE_SIZE      rows queued before ingest answers 503 [max(50000, 4 × flush size)]
          LUMEN_HUB_AGENT_INTERVAL        agent collection interval the policy hands out [5s; 2s–1h]
          LUMEN_HUB_RETENTION_WINDOW      raw rows kept [24h; 5m–8760h, 0 = forever]
          LUMEN_HUB_RETENTION_INTERVAL    how often old history is swept [1h; 1m–24h, 0 = never]
          LUMEN_HUB_DOWNSAMPLE_BUCKET_SIZE    archive resolution [5m; 1m–24h, whole minutes]
          LUMEN_HUB_DOWNSAMPLE_HOT_WINDOW     another name of LUMEN_HUB_RETENTION_WINDOW
          LUMEN_HUB_DOWNSAMPLE_ARCHIVE_WINDOW buckets kept [8760h; 24h–87600h]
          LUMEN_HUB_RETENTION_ALERTS_WINDOW resolved alert events kept [720h; 24h–8760h, 0 = forever]
          LUMEN_HUB_PROCESSES_ENABLED     agents send their busiest processes [false]
          LUMEN_HUB_PROCESSES_TOP_N       how many processes a frame lists [10; 1–50]
          LUMEN_HUB_PROCESSES_SORT_BY     cpu or mem (rss is taken as mem) [cpu]
          LUMEN_HUB_PROCESSES_REDACT_REGEX  matches replaced by *** in command lines [none]
          LUMEN_HUB_SECRET                session signing secret, ≥ 32 characters; a Go hub's hex
                                          secret (≥ 64 hex digits) keeps meaning the same key
                                          [generated on first start, kept in <data folder>/session-secret]
          LUMEN_HUB_ADMIN_USERNAME        with LUMEN_HUB_ADMIN_PASSWORD: an admin created at start
          LUMEN_HUB_ADMIN_PASSWORD        when no user of that name exists [none]
          LUMEN_HUB_LOCAL_AGENT           true: the hub also reports its own machine through a
                                          built-in agent [false]
          LUMEN_HUB_QUICKSTART            true: data in ./data, the built-in agent, and an
                                          'admin' with a generated password printed once when
                                          no admin exists (what `dotnet run` sets) [false]
          LUMEN_HUB_PUBLIC_URL            address agents reach the hub at, written by /install.sh into
                                          agent.yaml, and notifications link to, e.g.
                                          https://hub.example.lan [the scheme and Host of each
                                          request; set it behind a TLS proxy]
          LUMEN_HUB_BACKUP_PASSPHRASE     passphrase of scheduled backups, and of restore when
                                          not asked for at a terminal [none]
          LUMEN_HUB_INSTALL_DIR           folder of lumen-agent-linux-amd64 and -arm64 (and an
                                          optional VERSION file) that /install.sh downloads
                                          [install/ beside the database file]

        The runtime settings (agent interval, retention, downsampling) seed defaults: once a
        value is set in the hub, the stored value wins. The Go hub's LUMEN_HUB_DEV and
        LUMEN_HUB_ALERT_INTERVAL are not read: a warning at start names them if set.

        """;
}
