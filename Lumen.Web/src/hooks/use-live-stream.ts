import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { LiveStream, type StreamState } from '../lib/live-stream';
import type { LiveSnapshot } from '../lib/protocol';
import { firingAlerts } from './use-firing-alerts';
import { publishStreamStatus } from './use-stream-status';

export interface StreamStatus {
  state: StreamState;
  attempt: number;
  retryInMs: number | null;
}

/**
 * Opens the live stream for the component's lifetime. `hosts` null subscribes to every host;
 * a change of the list re-subscribes on the same socket. `onFrame` always sees the latest
 * closure. Returns the connection's state for the UI. Alert frames go to the shared firing
 * store, which fetches the firing list again whenever the stream (re)connects: what fired or
 * resolved while it was down never reaches it as a frame.
 */
export function useLiveStream(hosts: readonly string[] | null, onFrame: (snapshots: LiveSnapshot[]) => void, enabled = true): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>({ state: 'connecting', attempt: 0, retryInMs: null });
  const frameRef = useRef(onFrame);
  frameRef.current = onFrame;
  const streamRef = useRef<LiveStream | null>(null);
  const key = hosts === null ? null : hosts.join('\u0000');

  // biome-ignore lint/correctness/useExhaustiveDependencies: the subscription (hosts) changes in the effect below, on the same socket.
  useEffect(() => {
    if (!enabled) return;
    let wasLive = false;
    const stream = new LiveStream({
      hosts,
      onFrame: (snapshots) => frameRef.current(snapshots),
      onAlert: (frame) => firingAlerts.apply(frame),
      onState: (state, detail) => {
        if (state === 'live' && !wasLive) void firingAlerts.resync();
        wasLive = state === 'live';
        const next = { state, ...detail };
        setStatus(next);
        publishStreamStatus(state === 'stopped' ? null : next);
      },
      checkSession: async () => {
        try {
          await api.checkSession();
          return true;
        } catch (error) {
          return !(error instanceof Error && 'status' in error && (error as { status: number }).status === 401);
        }
      },
    });
    streamRef.current = stream;
    stream.start();
    return () => {
      stream.stop();
      streamRef.current = null;
    };
  }, [enabled]);

  useEffect(() => {
    streamRef.current?.subscribe(key === null ? null : key.split('\u0000'));
  }, [key]);

  return status;
}
