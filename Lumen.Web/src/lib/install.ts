// What the token dialog offers to copy: how an agent is installed and configured with a token.

/** The one-liner that installs the agent on a Linux host with systemd, from this hub. */
export function installCommand(hubOrigin: string, token: string): string {
  return `curl -fsSL ${hubOrigin}/install.sh | sudo bash -s -- --token ${token}`;
}

/** The agent's configuration file, for an agent installed by other means. */
export function agentYaml(hubOrigin: string, token: string): string {
  return `# /etc/lumen/agent.yaml\nhub_url: ${hubOrigin}\ntoken: ${token}\n`;
}
