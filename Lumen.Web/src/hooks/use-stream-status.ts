import { useSyncExternalStore } from 'react';
import type { StreamStatus } from './use-live-stream';

// The state of whichever live stream the current page holds, for the top bar to show.

let current: StreamStatus | null = null;
const listeners = new Set<() => void>();

export function publishStreamStatus(status: StreamStatus | null) {
  current = status;
  for (const listener of listeners) listener();
}

export function useStreamStatus(): StreamStatus | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
