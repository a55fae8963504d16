// The hub's browser API (docs/api.md). Every error answer is {"error":"…"}; it becomes an
// ApiError with that message, so screens can show it as it is. A 401 on anything but the
// sign-in calls means the session ended: listeners send the user back to sign-in.

import type { HostMetrics } from './protocol';
import type { HostView } from './fleet';
import type { ContainerMetrics, GpuMetrics } from './item-history';
import type { DiskMetrics, FilesystemMetrics, NicMetrics } from './device-history';
import type { AlertEvent, AlertRule, AlertRuleBody, AlertState, RulePreview } from './alerts';
import type { MaintenanceBody, MaintenanceWindow, WindowState } from './maintenance';
import type { SilenceBody } from './silence';
import type { HostTagCount, TagInventoryEntry } from './tag-suggestions';
import type { HostProcesses, ProcessSettings } from './processes';
import {
  type Channel,
  type ChannelBody,
  type Delivery,
  type DeliveryFilter,
  deliveryQuery,
  type WebPushSubscribeBody,
  type WebPushSubscription,
} from './channels';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Called when a request answers 401: the cookie expired, was cleared, or the password changed elsewhere. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

let hubOffsetMs = 0;

/** The hub's clock as best known: the browser's, corrected by the hub's last Date header. */
export function hubNow(): number {
  return Date.now() + hubOffsetMs;
}

function learnClock(response: Response, sentAt: number) {
  const date = response.headers.get('Date');
  if (!date) return;
  const hub = Date.parse(date);
  if (Number.isNaN(hub)) return;
  // Date has whole seconds: only correct skews larger than that, else keep the local clock.
  const offset = hub + 500 - (sentAt + Date.now()) / 2;
  hubOffsetMs = Math.abs(offset) > 1500 ? offset : 0;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}): Promise<T> {
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'The hub cannot be reached. Is it running?');
  }
  learnClock(response, sentAt);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: a proxy's error page, say
  }
  if (!response.ok) {
    if (response.status === 401 && !opts.quiet401) for (const listener of sessionEndedListeners) listener();
    const message =
      json && typeof json === 'object' && 'error' in json && typeof (json as { error: unknown }).error === 'string'
        ? (json as { error: string }).error
        : `The hub answered ${response.status} ${response.statusText}`.trim();
    throw new ApiError(response.status, message);
  }
  return json as T;
}

export interface User {
  id: number;
  username: string;
  is_admin: boolean;
  created_at: string;
}

export interface Settings extends ProcessSettings {
  retention_window: string;
  retention_interval: string;
  agent_interval: string;
  downsample_bucket_size: string;
  downsample_hot_window: string;
  downsample_archive_window: string;
  retention_alerts_window: string;
}

export interface HostWithToken {
  host: HostView;
  token: string;
}

export const api = {
  setupStatus: () => request<{ admin_exists: boolean }>('GET', '/api/setup-status'),
  register: (username: string, password: string) => request<User>('POST', '/api/register', { username, password }, { quiet401: true }),
  login: (username: string, password: string) => request<User>('POST', '/api/login', { username, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/api/logout', undefined, { quiet401: true }),
  me: () => request<User>('GET', '/api/me', undefined, { quiet401: true }),
  /** Like me(), but a 401 tells the listeners the session ended. */
  checkSession: () => request<User>('GET', '/api/me'),
  changePassword: (current: string, next: string) => request<void>('POST', '/api/account/password', { current, new: next }),

  hosts: () => request<HostView[]>('GET', '/api/hosts'),
  addHost: (name: string) => request<HostWithToken>('POST', '/api/hosts', { name }),
  rotateHost: (id: number) => request<HostWithToken>('POST', `/api/hosts/${id}/rotate`),
  deleteHost: (id: number) => request<void>('DELETE', `/api/hosts/${id}`),
  setTags: (id: number, tags: Record<string, string>) => request<HostView>('PUT', `/api/hosts/${id}/tags`, { tags }),
  /** The end the hub settled on (whole seconds, rounded up), null when the silence ended. */
  silenceHost: (id: number, body: SilenceBody) => request<{ silenced_until: string | null }>('POST', `/api/hosts/${id}/silence`, body),
  endSilence: (id: number) => request<void>('DELETE', `/api/hosts/${id}/silence`),
  hostTags: () => request<HostTagCount[]>('GET', '/api/host-tags'),
  tagInventory: () => request<TagInventoryEntry[]>('GET', '/api/tags'),

  settings: () => request<Settings>('GET', '/api/settings'),
  saveSettings: (changes: Partial<Settings>) => request<Settings>('PUT', '/api/settings', changes),
  hostProcesses: (id: number) => request<HostProcesses>('GET', `/api/hosts/${id}/processes`),

  metrics: (id: number, from: Date, to: Date, stepSeconds?: number) => {
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    if (stepSeconds) query.set('step', `${stepSeconds}s`);
    return request<HostMetrics>('GET', `/api/hosts/${id}/metrics?${query}`);
  },

  /** Each container's history per step of whole buckets (the hub picks the step: about 120 points, never finer than a bucket). */
  containerMetrics: (id: number, from: Date, to: Date) =>
    request<ContainerMetrics>('GET', `/api/hosts/${id}/containers/metrics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`),
  gpuMetrics: (id: number, from: Date, to: Date) =>
    request<GpuMetrics>('GET', `/api/hosts/${id}/gpus/metrics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`),
  diskMetrics: (id: number, from: Date, to: Date) =>
    request<DiskMetrics>('GET', `/api/hosts/${id}/disks/metrics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`),
  nicMetrics: (id: number, from: Date, to: Date) =>
    request<NicMetrics>('GET', `/api/hosts/${id}/nics/metrics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`),
  filesystemMetrics: (id: number, from: Date, to: Date) =>
    request<FilesystemMetrics>('GET', `/api/hosts/${id}/filesystems/metrics?${new URLSearchParams({ from: from.toISOString(), to: to.toISOString() })}`),

  alertRules: () => request<AlertRule[]>('GET', '/api/alerts/rules'),
  createAlertRule: (body: AlertRuleBody) => request<AlertRule>('POST', '/api/alerts/rules', body),
  updateAlertRule: (id: number, body: AlertRuleBody) => request<AlertRule>('PUT', `/api/alerts/rules/${id}`, body),
  deleteAlertRule: (id: number) => request<void>('DELETE', `/api/alerts/rules/${id}`),
  previewAlertRule: (host: string, hostSelector: string) => request<RulePreview>('POST', '/api/alerts/rules/preview', { host, host_selector: hostSelector }),
  /** Newest first; the hub answers 1 to 2000 events (100 when the limit is outside that). */
  alertEvents: (state: AlertState | 'all', limit = 100, hostId?: number) => {
    const query = new URLSearchParams({ state, limit: String(limit) });
    if (hostId !== undefined) query.set('host_id', String(hostId));
    return request<AlertEvent[]>('GET', `/api/alerts/events?${query}`);
  },

  /** Newest first; secrets read as SECRET_MASK. */
  channels: () => request<Channel[]>('GET', '/api/alerts/channels'),
  createChannel: (body: ChannelBody) => request<Channel>('POST', '/api/alerts/channels', body),
  /** A secret sent back as SECRET_MASK keeps the stored one. */
  updateChannel: (id: number, body: ChannelBody) => request<Channel>('PUT', `/api/alerts/channels/${id}`, body),
  deleteChannel: (id: number) => request<void>('DELETE', `/api/alerts/channels/${id}`),
  /** A made-up alert through the channel now; a failure is an ApiError (502) with the channel's error. */
  testChannel: (id: number) => request<{ ok: boolean }>('POST', `/api/alerts/channels/${id}/test`),
  /** Newest first, 100 unless a limit (up to 2000) is given. */
  deliveries: (filter: DeliveryFilter = {}) => request<Delivery[]>('GET', `/api/alerts/deliveries${deliveryQuery(filter)}`),
  retryDelivery: (id: number) => request<{ status: string }>('POST', `/api/alerts/deliveries/${id}/retry`),
  vapidPublicKey: () => request<{ public_key: string; subject: string }>('GET', '/api/alerts/web-push/vapid-public-key'),
  subscribeWebPush: (body: WebPushSubscribeBody) => request<WebPushSubscription>('POST', '/api/alerts/web-push/subscribe', body),
  webPushSubscriptions: (channelId: number) => request<WebPushSubscription[]>('GET', `/api/alerts/channels/${channelId}/web-push/subscriptions`),
  deleteWebPushSubscription: (id: number) => request<void>('DELETE', `/api/alerts/web-push/subscriptions/${id}`),

  /** Running ones by their current start, coming ones soonest first, or at most 200 ended ones, latest first. */
  maintenance: async (state: WindowState) => (await request<{ windows: MaintenanceWindow[] }>('GET', `/api/maintenance?state=${state}`)).windows,
  createWindow: (body: MaintenanceBody) => request<{ id: number }>('POST', '/api/maintenance', body),
  updateWindow: (id: number, body: MaintenanceBody) => request<{ ok: boolean }>('PUT', `/api/maintenance/${id}`, body),
  deleteWindow: (id: number) => request<{ ok: boolean }>('DELETE', `/api/maintenance/${id}`),
};

/** A readable message for anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
