import { useCallback, useEffect, useState } from 'react';
import { type CustomRange, type RangeKey, rangeFromQuery, rangeQuery } from '../lib/ranges';
import { type Zoom, zoomFromQuery } from '../lib/zoom';

interface HostRange {
  key: RangeKey;
  /** The last custom window picked, kept while a preset is shown so the picker offers it again. */
  custom: CustomRange | null;
  zoom: Zoom | null;
}

function fromAddress(search: string): HostRange {
  return { ...rangeFromQuery(search), zoom: zoomFromQuery(search) };
}

/** Whether a key press belongs to a field or an open dialog rather than to the page. */
function typedElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof HTMLElement ? event.target : null;
  return !!target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || !!target.closest('[role="dialog"]'));
}

/**
 * The host page's range and zoom, read from the address and written back to it (`?range=30d`,
 * `?from=&to=`, `&zoom=FROM-TO`), so a link shows the same window. Picking a range ends a zoom;
 * Escape ends it too.
 */
export function useHostRange() {
  const [state, setState] = useState<HostRange>(() => fromAddress(window.location.search));

  useEffect(() => {
    const custom = state.key === 'custom' ? state.custom : null;
    // window.history: the page's own `history` is the host's metrics.
    window.history.replaceState(null, '', window.location.pathname + rangeQuery(state.key, custom, state.zoom));
  }, [state]);

  const pick = useCallback((key: RangeKey, custom?: CustomRange) => setState((s) => ({ key, custom: custom ?? s.custom, zoom: null })), []);
  const zoomTo = useCallback((zoom: Zoom) => setState((s) => (s.zoom?.from === zoom.from && s.zoom?.to === zoom.to ? s : { ...s, zoom })), []);
  const resetZoom = useCallback(() => setState((s) => (s.zoom ? { ...s, zoom: null } : s)), []);

  const zoomed = state.zoom !== null;
  useEffect(() => {
    if (!zoomed) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !typedElsewhere(event)) resetZoom();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoomed, resetZoom]);

  return { ...state, pick, zoomTo, resetZoom };
}
