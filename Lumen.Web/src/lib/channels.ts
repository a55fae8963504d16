// Notification channels, their delivery log and browser subscriptions as the hub's API speaks
// them (issue 12; go-lumen-compat §2.4–2.7, with this hub's additions: gotify, pushover, the
// delivery's kind and group). Each type has a key list the e2e spec compares with the hub's
// answers, so a field added or renamed on the C# side fails there.

import type { Severity } from './alerts';

export type ChannelType = 'ntfy' | 'discord' | 'webhook' | 'telegram' | 'email' | 'slack' | 'gotify' | 'pushover' | 'web_push';

/** What a stored secret reads as in the API; sent back unchanged, the hub keeps the stored one. */
export const SECRET_MASK = '**********';

/** A config value as stored: text, a number (a port, a priority) or a switch. */
export type ConfigValue = string | number | boolean;

/** One channel as GET /api/alerts/channels lists it (newest first). */
export interface Channel {
  id: number;
  name: string;
  type: ChannelType;
  /** Its type's fields; a secret that is set reads as SECRET_MASK. */
  config: Record<string, ConfigValue>;
  owner_type: string;
  enabled: boolean;
  min_severity: Severity;
  created_at: string;
  updated_at: string;
}

/** What POST and PUT /api/alerts/channels take. */
export interface ChannelBody {
  name: string;
  type: ChannelType;
  config: Record<string, ConfigValue>;
  enabled: boolean;
  min_severity: Severity;
}

export type DeliveryStatus = 'pending' | 'inflight' | 'sent' | 'failed' | 'dropped';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'inflight', 'sent', 'failed', 'dropped'];

/** The notification a delivery carries (the webhook's body): the fields the log shows. */
export interface DeliveryPayload {
  rule_id?: number;
  rule_name?: string;
  host?: string;
  host_id?: number;
  metric?: string;
  severity?: string;
  state?: string;
  message?: string;
  subject?: string;
  value_text?: string;
  threshold_text?: string;
  time?: string;
  url?: string | null;
}

/** One row of GET /api/alerts/deliveries: one (event × channel × firing or resolved), newest first. */
export interface Delivery {
  id: number;
  event_id: number;
  channel_id: number;
  channel_name: string;
  channel_type: ChannelType;
  severity: Severity;
  kind: 'firing' | 'resolved';
  status: DeliveryStatus;
  attempts: number;
  http_status: number | null;
  error: string | null;
  next_retry_at: string | null;
  payload: DeliveryPayload | null;
  created_at: string;
  sent_at: string | null;
  /** Set when storm control sent it grouped with others of its channel. */
  group_id: number | string | null;
}

export interface DeliveryFilter {
  status?: DeliveryStatus | '';
  channelId?: number | null;
  eventId?: number | null;
  limit?: number;
}

/** One browser subscribed to a web_push channel. */
export interface WebPushSubscription {
  id: number;
  channel_id: number;
  endpoint: string;
  label: string;
  created_at: string;
}

export interface WebPushSubscribeBody {
  channel_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  label: string;
}

/** The query string of a delivery filter; blank filters are left out. */
export function deliveryQuery(filter: DeliveryFilter): string {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.channelId) query.set('channel_id', String(filter.channelId));
  if (filter.eventId) query.set('event_id', String(filter.eventId));
  if (filter.limit) query.set('limit', String(filter.limit));
  const text = query.toString();
  return text ? `?${text}` : '';
}

type Keys<T> = { [K in keyof Required<T>]: true };
// Pure: the production bundle drops the lists, which only the e2e spec reads.
const keysOf = <T>(table: Keys<T>) => Object.keys(table) as (keyof T)[];

export const CHANNEL_KEYS = /* @__PURE__ */ keysOf<Channel>({
  id: true,
  name: true,
  type: true,
  config: true,
  owner_type: true,
  enabled: true,
  min_severity: true,
  created_at: true,
  updated_at: true,
});

export const DELIVERY_KEYS = /* @__PURE__ */ keysOf<Delivery>({
  id: true,
  event_id: true,
  channel_id: true,
  channel_name: true,
  channel_type: true,
  severity: true,
  kind: true,
  status: true,
  attempts: true,
  http_status: true,
  error: true,
  next_retry_at: true,
  payload: true,
  created_at: true,
  sent_at: true,
  group_id: true,
});

export const SUBSCRIPTION_KEYS = /* @__PURE__ */ keysOf<WebPushSubscription>({ id: true, channel_id: true, endpoint: true, label: true, created_at: true });
