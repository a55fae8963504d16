import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, hubNow } from '../lib/api';
import { type CustomRange, type RangeKey, resolveRange } from '../lib/ranges';
import { fromHistory, type Sample } from '../lib/series';
import type { Zoom } from '../lib/zoom';

export interface History {
  samples: Sample[];
  step: number;
  from: number;
  to: number;
}

/**
 * The host's history over the chosen range, or over the zoom while there is one (the hub answers
 * a shorter window at a finer step). The window's bounds change every second; history is
 * fetched per choice of range or zoom (`fetchKey`), not per second, and only the latest
 * request's answer is kept. `reload` fetches again, e.g. after a stream outage. `archive` is the
 * hub's archive window in seconds (0 until known).
 */
export function useHostHistory(id: number, rangeKey: RangeKey, custom: CustomRange | null, archive: number, zoom: Zoom | null) {
  const [history, setHistory] = useState<History | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [loadingHistory, setLoadingHistory] = useState(true);
  const request = useRef(0);
  const fetchKey = `${rangeKey}:${custom?.from}:${custom?.to}:${archive}:${zoom?.from}:${zoom?.to}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetchKey stands for rangeKey, custom, archive and zoom (custom and zoom by value, not identity).
  const reload = useCallback(async () => {
    const mine = ++request.current;
    setLoadingHistory(true);
    const r = zoom ?? resolveRange(rangeKey, custom, Math.floor(hubNow() / 1000), archive);
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
