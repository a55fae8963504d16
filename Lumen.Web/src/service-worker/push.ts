// A web push from the hub as a notification (the payload of Lumen.Hub's web push sender:
// {title, body, tag, url, severity, state, event_id}), and where a click on it leads. Pure, so
// the unit tests reach it; the service worker (sw.ts) only wires it to its events.

export interface PushPayload {
  title?: string;
  body?: string;
  tag?: string;
  url?: string;
  severity?: string;
  state?: string;
  event_id?: number;
}

export interface ShownNotification {
  title: string;
  options: { body: string; tag?: string; icon: string; badge: string; data: { url: string }; renotify: boolean; requireInteraction: boolean };
}

export const NOTIFICATION_ICON = '/icons/icon-192.png';

/** The notification for a push's text: its JSON's fields, or the text itself as the body when it is not JSON. */
export function notificationFor(text: string | null, origin: string): ShownNotification {
  let payload: PushPayload = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) payload = parsed as PushPayload;
    else payload = { body: String(text) };
  } catch {
    payload = { body: text ?? '' };
  }
  const tag = typeof payload.tag === 'string' && payload.tag ? payload.tag : undefined;
  return {
    title: typeof payload.title === 'string' && payload.title ? payload.title : 'Lumen',
    options: {
      body: typeof payload.body === 'string' ? payload.body : '',
      tag,
      icon: NOTIFICATION_ICON,
      badge: NOTIFICATION_ICON,
      data: { url: clickTarget(payload.url, origin) },
      // A resolution replacing its firing notice (same tag) is news: let the phone say so.
      renotify: tag !== undefined,
      // A critical alert stays on screen until it is seen.
      requireInteraction: payload.severity === 'critical' && payload.state !== 'resolved',
    },
  };
}

/** Where a click leads: the payload's address on this dashboard (a relative path, or an absolute one of this origin), else the alerts page. */
export function clickTarget(url: unknown, origin: string): string {
  if (typeof url !== 'string' || url.trim() === '') return `${origin}/alerts`;
  try {
    const target = new URL(url, origin);
    return target.protocol === 'http:' || target.protocol === 'https:' ? target.href : `${origin}/alerts`;
  } catch {
    return `${origin}/alerts`;
  }
}

/** Of the open windows, the one to bring forward: one already on the target, else any of this dashboard's. */
export function windowToFocus<T extends { url: string }>(windows: readonly T[], target: string, origin: string): T | undefined {
  return windows.find((w) => w.url === target) ?? windows.find((w) => w.url.startsWith(`${origin}/`));
}
