import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostView } from '../lib/fleet';
import type { LiveSnapshot } from '../lib/protocol';
import { appendLive, fromLive, type Sample } from '../lib/series';
import { useLiveStream } from './use-live-stream';

/** Live samples kept for the charts (about 28 h at a 5 s interval), so a tab left open does not grow without end. */
const LIVE_CAP = 20_000;

/**
 * The host's live frames, from a stream subscribed to this host alone once it is known: the
 * latest snapshot and the samples since the page opened. Back from a stream outage it calls
 * `onReconnected`, since the history has what the live view missed.
 */
export function useHostLive(id: number, host: HostView | null, onReconnected: () => void) {
  const [latest, setLatest] = useState<LiveSnapshot | null>(null);
  const [live, setLive] = useState<Sample[]>([]);

  const onFrame = useCallback(
    (snapshots: LiveSnapshot[]) => {
      const mine = snapshots.find((s) => s.host_id === id);
      if (!mine) return;
      setLatest(mine);
      setLive((samples) => {
        const next = appendLive(samples, fromLive(mine));
        return next.length > LIVE_CAP ? next.slice(next.length - LIVE_CAP) : next;
      });
    },
    [id],
  );
  const stream = useLiveStream(host ? [host.name] : [], onFrame, host !== null);

  const wasDown = useRef(false);
  useEffect(() => {
    if (stream.state === 'reconnecting') wasDown.current = true;
    if (stream.state === 'live' && wasDown.current) {
      wasDown.current = false;
      onReconnected();
    }
  }, [stream.state, onReconnected]);

  return { latest, live };
}
