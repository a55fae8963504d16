namespace Lumen.Agent;

/// <summary>What <c>lumen-agent --help</c> prints.</summary>
public static class AgentHelp
{
    public const string Text = """
        lumen-agent — collects this machine's metrics and pushes them to a Lumen hub

        Usage:
          lumen-agent                    run, configured by the environment and /etc/lumen/agent.yaml
          lumen-agent --config FILE      the same, with another YAML file
          lumen-agent --once             print one frame of what the agent sees, then exit
          lumen-agent --help             this text

        Settings (environment variable, agent.yaml key, default); the environment wins:
          LUMEN_HUB_URL              hub_url         required, e.g. https://hub.lan
          LUMEN_AGENT_TOKEN          token           required: the lum_… token the hub gave this host
          LUMEN_AGENT_HOST           host            this machine's hostname (the hub names hosts by token)
          LUMEN_AGENT_INTERVAL       interval        5s (2s–1h; the hub's policy can change it)
          LUMEN_AGENT_DISK_PATH      disk_path       /
          LUMEN_AGENT_EXTRA_FILESYSTEMS  extra_filesystems
                                     none; comma-separated paths whose filesystems are reported
                                     beside the local disks' (a share, a path inside a mount)
          LUMEN_AGENT_DOCKER_SOCKET  docker_socket   /var/run/docker.sock
          LUMEN_AGENT_BUFFER_PATH    buffer_path     /var/lib/lumen-agent/buffer.db
          LUMEN_AGENT_BUFFER_MAX_AGE buffer_max_age  24h
          LUMEN_AGENT_BUFFER_DRAIN   buffer_drain    10 frames a tick once the hub answers again
          LUMEN_AGENT_PROCESSES      processes       true: send the top processes when the hub's policy
                                                     asks; false keeps them off whatever the hub says

        """;
}
