import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../lib/api';
import type { HostView } from '../lib/fleet';
import { parseDuration } from '../lib/units';

/**
 * The host as the hosts list describes it (and a setter for what this page changes), and the
 * hub's agent interval and archive window (how far back history reaches) in seconds: 5 and 0
 * until known.
 */
export function useHostInfo(id: number) {
  const [host, setHost] = useState<HostView | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  const [agentInterval, setAgentInterval] = useState(5);
  const [archive, setArchive] = useState(0);

  useEffect(() => {
    api
      .hosts()
      .then((hosts) => {
        const found = hosts.find((h) => h.id === id);
        if (found) setHost(found);
        else setHostError(`There is no host with id ${id}. It may have been deleted.`);
      })
      .catch((err) => setHostError(errorMessage(err)));
    api
      .settings()
      .then((s) => {
        setAgentInterval(parseDuration(s.agent_interval) ?? 5);
        setArchive(parseDuration(s.downsample_archive_window) ?? 0);
      })
      .catch(() => undefined);
  }, [id]);

  /** The host as this page changed it (its silence), without asking for the list again. */
  const updateHost = useCallback((changes: Partial<HostView>) => setHost((h) => (h ? { ...h, ...changes } : h)), []);

  return { host, hostError, agentInterval, archive, updateHost };
}
