import type { HostWithToken } from '../../lib/api';
import { agentYaml, installCommand } from '../../lib/install';
import { Button, CopyField, Dialog } from '../../components/ui';

/** A token just issued, for a new host or by a rotation. */
export interface Issued {
  token: HostWithToken;
  rotated: boolean;
}

/** The one time a token is visible: the install one-liner and an agent.yaml, both ready to copy. */
export function TokenDialog({ issued, onClose }: { issued: Issued | null; onClose: () => void }) {
  if (!issued) return <Dialog open={false} onClose={onClose} title="" />;
  const hub = window.location.origin;
  const { host, token } = issued.token;
  const oneLiner = installCommand(hub, token);
  const yaml = agentYaml(hub, token);
  return (
    <Dialog open onClose={onClose} title={issued.rotated ? `New token for ${host.name}` : `${host.name} is added`} wide>
      <div className="space-y-4" data-testid="token-dialog">
        <p className="rounded-lg border border-warn/30 bg-warn/8 px-3 py-2 text-sm text-fg">
          Copy the token now: it is shown only this once. Lost it? Rotate the token to get a new one.
        </p>
        <CopyField label="Token" value={token} testId="issued-token" />
        <CopyField label="Install the agent on the host (Linux, systemd)" value={oneLiner} testId="install-command" />
        <CopyField label="Or put this in /etc/lumen/agent.yaml" value={yaml} multiline testId="agent-yaml" />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
