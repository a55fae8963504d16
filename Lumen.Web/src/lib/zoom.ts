// Zoom on the host page: a span dragged across a chart, shown (with history fetched for it, at
// the finer step the hub picks for a shorter window) instead of the picked range until it is
// reset. It is kept in the address beside the range (`?range=30d&zoom=FROM-TO`, unix seconds),
// so a link opens the same zoom and Reset returns to the range.

/** A fixed window, unix seconds. */
export type Zoom = { from: number; to: number };

/** The shortest zoom: twelve of the hub's finest (5 s) buckets. */
export const MIN_ZOOM_SECONDS = 60;

/**
 * A dragged span as a zoom: inside the window shown, in whole seconds, widened around its middle
 * to at least a minute (and kept inside the window when it is that long). Null when nothing of
 * the span lies inside the window.
 */
export function zoomFromDrag(from: number, to: number, shown: readonly [number, number]): Zoom | null {
  let start = Math.max(Math.min(from, to), shown[0]);
  let end = Math.min(Math.max(from, to), shown[1]);
  if (!(end > start)) return null;
  if (end - start < MIN_ZOOM_SECONDS) {
    const middle = (start + end) / 2;
    start = Math.max(shown[0], Math.min(middle - MIN_ZOOM_SECONDS / 2, shown[1] - MIN_ZOOM_SECONDS));
    end = start + MIN_ZOOM_SECONDS;
  }
  return { from: Math.floor(start), to: Math.ceil(end) };
}

/** The zoom an address names (`zoom=FROM-TO`), or null. */
export function zoomFromQuery(search: string): Zoom | null {
  const match = /^(\d+)-(\d+)$/.exec(new URLSearchParams(search).get('zoom') ?? '');
  if (!match) return null;
  const [from, to] = [Number(match[1]), Number(match[2])];
  return from > 0 && to > from ? { from, to } : null;
}

/** The zoom's part of the address's query, without `?` or `&`. */
export function zoomQuery(zoom: Zoom): string {
  return `zoom=${Math.round(zoom.from)}-${Math.round(zoom.to)}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Mar 3, 14:00 – Mar 9, 02:00", or "Mar 3, 14:00 – 16:30" within a day, in the browser's zone. */
export function describeZoom(zoom: Zoom): string {
  const [from, to] = [new Date(zoom.from * 1000), new Date(zoom.to * 1000)];
  const sameDay = from.toDateString() === to.toDateString();
  return `${dateTime.format(from)} – ${(sameDay ? timeOnly : dateTime).format(to)}`;
}
