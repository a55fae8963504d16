// The delivery log as people read it: which event a row is about (from its stored payload),
// its state in a word, when it is tried next, and which rows a user can send again. And each
// channel's newest delivery, for the channel list's "last sent" column.

import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus, deliveryQuery } from './channels';
import { describeDuration } from './units';

/** A row the hub takes back into the queue (POST …/retry): only one that gave up or was dropped. */
export function canRetry(delivery: Pick<Delivery, 'status'>): boolean {
  return delivery.status === 'failed' || delivery.status === 'dropped';
}

/** The status as a word people read; the badge carries the API's word too. */
export const STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: 'waiting',
  inflight: 'sending',
  sent: 'sent',
  failed: 'failed',
  dropped: 'dropped',
};

export type StatusTone = 'ok' | 'warn' | 'crit' | 'muted';

export function statusTone(status: DeliveryStatus): StatusTone {
  if (status === 'sent') return 'ok';
  if (status === 'failed') return 'crit';
  if (status === 'dropped') return 'muted';
  return 'warn';
}

/** What the row is about: the host, the rule, firing or resolved, and the message, from its payload (a row's own fields when the payload lacks them). */
export function deliveryEvent(delivery: Delivery): { host: string; rule: string; kind: 'firing' | 'resolved'; message: string } {
  const p = delivery.payload ?? {};
  const kind = delivery.kind ?? (p.state === 'resolved' ? 'resolved' : 'firing');
  return {
    host: p.host || '—',
    rule: p.rule_name || `event ${delivery.event_id}`,
    kind,
    message: p.message ?? '',
  };
}

/** When the queue tries the row next, in words: "retry in 40 s", "retry due now"; null when nothing is scheduled. */
export function nextTryText(delivery: Pick<Delivery, 'status' | 'next_retry_at' | 'attempts'>, nowMs: number): string | null {
  if (delivery.status === 'inflight') return 'sending now';
  if (delivery.status !== 'pending') return null;
  if (!delivery.next_retry_at) return delivery.attempts > 0 ? 'retry due now' : 'queued';
  const at = Date.parse(delivery.next_retry_at);
  if (Number.isNaN(at)) return null;
  const seconds = Math.round((at - nowMs) / 1000);
  return seconds <= 0 ? 'retry due now' : `retry in ${describeDuration(seconds)}`;
}

/** The first line of an error, cut to `max` characters; the whole text goes in the tooltip and the expanded row. */
export function errorSummary(error: string | null, max = 120): string {
  if (!error) return '';
  const line = error.split('\n')[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Each channel's newest delivery (the list comes newest first, as the hub orders it). */
export function newestByChannel(deliveries: readonly Delivery[]): Map<number, Delivery> {
  const newest = new Map<number, Delivery>();
  for (const delivery of deliveries) if (!newest.has(delivery.channel_id)) newest.set(delivery.channel_id, delivery);
  return newest;
}

/** How often an open delivery log asks the hub again. */
export const DELIVERY_REFRESH_MS = 4000;

/** The log's filters as the page's address keeps them (?status=failed&channel_id=3), so a link opens the log filtered. */
export function filterFromSearch(search: string): { status: DeliveryStatus | ''; channelId: number | null } {
  const query = new URLSearchParams(search);
  const status = query.get('status') ?? '';
  const channel = Number(query.get('channel_id'));
  return {
    status: (DELIVERY_STATUSES as readonly string[]).includes(status) ? (status as DeliveryStatus) : '',
    channelId: Number.isSafeInteger(channel) && channel > 0 ? channel : null,
  };
}

export function searchFromFilter(filter: { status: DeliveryStatus | ''; channelId: number | null }): string {
  return deliveryQuery({ status: filter.status, channelId: filter.channelId });
}
