// "Notify this browser" for a web_push channel, the parts that need no browser: whether this
// page can subscribe at all and why not, the VAPID key's bytes, the subscription as the hub's
// subscribe route takes it, and a label that tells a user's devices apart in the list.

import type { WebPushSubscribeBody } from './channels';

export interface PushSupport {
  /** window.isSecureContext: https, or http on localhost. */
  secure: boolean;
  serviceWorker: boolean;
  pushManager: boolean;
  notifications: boolean;
  /** Notification.permission, when there is a Notification API. */
  permission: NotificationPermission | null;
}

/** Why this page cannot subscribe, in a sentence; null when it can (or can ask). */
export function pushUnavailable(support: PushSupport, host: string): string | null {
  if (!support.secure)
    return `Browsers allow push only on https pages (or on localhost), and this is http://${host}. Open the dashboard over https, e.g. behind a TLS reverse proxy, then subscribe from there.`;
  if (!support.serviceWorker || !support.pushManager || !support.notifications) return 'This browser has no web push.';
  if (support.permission === 'denied') return "Notifications are blocked for this site. Allow them in the browser's site settings, then try again.";
  return null;
}

/** The support of the page it runs in. */
export function currentPushSupport(): PushSupport {
  const notifications = typeof Notification !== 'undefined';
  return {
    secure: window.isSecureContext,
    serviceWorker: 'serviceWorker' in navigator,
    pushManager: 'PushManager' in window,
    notifications,
    permission: notifications ? Notification.permission : null,
  };
}

/** A base64url text (the VAPID public key, no padding) as bytes, for applicationServerKey. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether a subscription was made with this server key (after a key change the old one is useless). */
export function sameKey(current: ArrayBuffer | null | undefined, key: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

/** The hub's subscribe body from a PushSubscription's JSON, or what is missing. */
export function subscribeBody(channelId: number, json: PushSubscriptionJSON, label: string): { body: WebPushSubscribeBody } | { error: string } {
  const { endpoint, keys } = json;
  if (!endpoint || !keys?.p256dh || !keys?.auth) return { error: 'The browser gave a subscription without its endpoint or keys.' };
  return { body: { channel_id: channelId, endpoint, p256dh: keys.p256dh, auth: keys.auth, label } };
}

// Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS/, 'Firefox'],
  [/Chromium\//, 'Chromium'],
  [/Chrome\/|CriOS/, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const DEVICES: readonly [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Android", "Chrome on Linux", "Safari on iPhone": enough to tell a user's devices apart. */
export function browserLabel(userAgent: string): string {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'Browser';
  const device = DEVICES.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'this device';
  return `${browser} on ${device}`;
}

/** A push endpoint shortened for a list: its push service's host. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint.slice(0, 40);
  }
}
