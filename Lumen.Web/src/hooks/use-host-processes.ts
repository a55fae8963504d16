import { useEffect, useState } from 'react';
import { api, errorMessage } from '../lib/api';
import type { HostProcesses } from '../lib/processes';

/**
 * The host's busiest processes, asked of the hub again whenever a new live frame of the host
 * arrives (`frameTs`), so the table follows the live view without a timer of its own. Null
 * until the first answer.
 */
export function useHostProcesses(hostId: number, frameTs: string | null) {
  const [data, setData] = useState<HostProcesses | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: frameTs is the trigger to ask again, not an input.
  useEffect(() => {
    let current = true;
    api
      .hostProcesses(hostId)
      .then((answer) => {
        if (!current) return;
        setData(answer);
        setError(null);
      })
      .catch((err) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [hostId, frameTs]);

  return { data, error };
}
