import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, hubNow } from '../lib/api';
import { type CustomRange, type RangeKey, resolveRange } from '../lib/ranges';
import { fromHistory, type Sample } from '../lib/series';

export interface History {
  samples: Sample[];
  step: number;
  from: number;
  to: number;
}

/**
 * The host's history over the chosen range. The window's bounds change every second; history is
 * fetched per choice of range (`fetchKey`), not per second, and only the latest request's answer
 * is kept. `reload` fetches again, e.g. after a stream outage.
 */
export function useHostHistory(id: number, rangeKey: RangeKey, custom: CustomRange | null, retention: number) {
  const [history, setHistory] = useState<History | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [loadingHistory, setLoadingHistory] = useState(true);
  const request = useRef(0);
  const fetchKey = `${rangeKey}:${custom?.from}:${custom?.to}:${retention}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchKey stands for rangeKey, custom and retention (custom by value, not identity).
  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoadingHistory(true);
    const r = resolveRange(rangeKey, custom, Math.floor(hubNow() / 1000), retention);
    try {
      const metrics = await api.metrics(id, new Date(r.from * 1000), new Date(r.to * 1000));
      if (mine !== request.current) return;
      setHistory({ samples: fromHistory(metrics.points), step: metrics.step_seconds, from: r.from, to: r.to });
      setHistoryError(null);
    } catch (err) {
      if (mine !== request.current) return;
      setHistoryError(errorMessage(err));
      setHistory((h) => h ?? { samples: [], step: 5, from: r.from, to: r.to });
    } finally {
      if (mine === request.current) setLoadingHistory(false);
    }
  }, [id, fetchKey]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { history, historyError, loadingHistory, reload, fetchKey };
}
