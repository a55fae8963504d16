import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../lib/api';
import type { ResolvedRange } from '../lib/ranges';

/** The window a page shows: a picked range (which may follow now) or a fixed zoom. */
export type ShownRange = Pick<ResolvedRange, 'from' | 'to' | 'live'>;

/**
 * Buckets grow with every flush of the hub's batcher (a minute by default), so a range that
 * follows now asks again this often; asking more often would find nothing new.
 */
export const ITEM_HISTORY_REFRESH_MS = 60_000;

/**
 * A host's container or GPU history over the range shown: fetched per choice of range
 * (`fetchKey`, as the host's own history), and again every minute while the range follows now.
 * Only the latest request's answer is kept.
 */
export function useItemHistory<T>(fetchKey: string, range: ShownRange, load: (from: Date, to: Date) => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef({ range, load });
  latest.current = { range, load };

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchKey stands for the range choice; the range itself moves every second.
  useEffect(() => {
    let request = 0;
    let stopped = false;
    const fetchOnce = async () => {
      const mine = ++request;
      const { range: r, load: fetch } = latest.current;
      try {
        const answer = await fetch(new Date(r.from * 1000), new Date(r.to * 1000));
        if (stopped || mine !== request) return;
        setData(answer);
        setError(null);
      } catch (err) {
        if (!stopped && mine === request) setError(errorMessage(err));
      }
    };
    void fetchOnce();
    const timer = latest.current.range.live ? window.setInterval(() => void fetchOnce(), ITEM_HISTORY_REFRESH_MS) : undefined;
    return () => {
      stopped = true;
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [fetchKey]);

  return { data, error };
}
