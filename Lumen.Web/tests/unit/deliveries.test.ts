import { describe, expect, it } from 'vitest';
import { type Delivery, deliveryQuery } from '../../src/lib/channels';
import { canRetry, deliveryEvent, errorSummary, filterFromSearch, newestByChannel, nextTryText, searchFromFilter, statusTone } from '../../src/lib/deliveries';

const now = Date.parse('2031-03-04T10:00:00Z');

function delivery(changes: Partial<Delivery> = {}): Delivery {
  return {
    id: 1,
    event_id: 40,
    channel_id: 3,
    channel_name: 'Hook',
    channel_type: 'webhook',
    severity: 'warning',
    kind: 'firing',
    status: 'pending',
    attempts: 0,
    http_status: null,
    error: null,
    next_retry_at: null,
    payload: { rule_name: 'CPU busy', host: 'nas', state: 'firing', message: 'CPU 93 % > 80 % for 1 min' },
    created_at: new Date(now - 60_000).toISOString(),
    sent_at: null,
    group_id: null,
    ...changes,
  };
}

describe('the delivery log', () => {
  it('offers a retry only for rows that gave up or were dropped', () => {
    expect(['pending', 'inflight', 'sent', 'failed', 'dropped'].filter((status) => canRetry({ status: status as Delivery['status'] }))).toEqual([
      'failed',
      'dropped',
    ]);
  });

  it('reads the event from the payload: host, rule, firing or resolved, the message', () => {
    expect(deliveryEvent(delivery())).toEqual({ host: 'nas', rule: 'CPU busy', kind: 'firing', message: 'CPU 93 % > 80 % for 1 min' });
    expect(deliveryEvent(delivery({ kind: 'resolved' })).kind).toBe('resolved');
    expect(deliveryEvent(delivery({ payload: null }))).toEqual({ host: '—', rule: 'event 40', kind: 'firing', message: '' });
  });

  it('says when the queue tries a row next', () => {
    expect(nextTryText(delivery({ attempts: 1, next_retry_at: new Date(now + 40_000).toISOString() }), now)).toBe('retry in 40 s');
    expect(nextTryText(delivery({ attempts: 2, next_retry_at: new Date(now + 600_000).toISOString() }), now)).toBe('retry in 10 min');
    expect(nextTryText(delivery({ attempts: 1, next_retry_at: new Date(now - 2000).toISOString() }), now)).toBe('retry due now');
    expect(nextTryText(delivery(), now)).toBe('queued');
    expect(nextTryText(delivery({ status: 'inflight' }), now)).toBe('sending now');
    expect(nextTryText(delivery({ status: 'failed', attempts: 6 }), now)).toBeNull();
  });

  it('shortens an error to its first line for the row; the whole text stays for the tooltip', () => {
    expect(errorSummary('webhook: HTTP 500: boom\nstack…')).toBe('webhook: HTTP 500: boom');
    expect(errorSummary('x'.repeat(200), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(errorSummary(null)).toBe('');
  });

  it('colours: sent green, failed red, dropped grey, the rest amber', () => {
    expect(statusTone('sent')).toBe('ok');
    expect(statusTone('failed')).toBe('crit');
    expect(statusTone('dropped')).toBe('muted');
    expect(statusTone('pending')).toBe('warn');
    expect(statusTone('inflight')).toBe('warn');
  });

  it('finds each channel’s newest delivery in a newest-first list', () => {
    const list = [delivery({ id: 9, channel_id: 3, status: 'sent' }), delivery({ id: 8, channel_id: 4 }), delivery({ id: 7, channel_id: 3, status: 'failed' })];
    const newest = newestByChannel(list);
    expect(newest.get(3)?.id).toBe(9);
    expect(newest.get(4)?.id).toBe(8);
    expect(newest.has(5)).toBe(false);
  });

  it('puts only the filters that are set in the query', () => {
    expect(deliveryQuery({})).toBe('');
    expect(deliveryQuery({ status: '', channelId: null })).toBe('');
    expect(deliveryQuery({ status: 'failed', channelId: 3, limit: 200 })).toBe('?status=failed&channel_id=3&limit=200');
    expect(deliveryQuery({ eventId: 12 })).toBe('?event_id=12');
  });
});

describe('the log’s filters in the address', () => {
  it('reads a status and a channel, and ignores what is not one', () => {
    expect(filterFromSearch('?status=failed&channel_id=3')).toEqual({ status: 'failed', channelId: 3 });
    expect(filterFromSearch('?status=lost&channel_id=x')).toEqual({ status: '', channelId: null });
    expect(filterFromSearch('')).toEqual({ status: '', channelId: null });
  });
  it('writes them back the same way', () => {
    expect(searchFromFilter({ status: 'dropped', channelId: 4 })).toBe('?status=dropped&channel_id=4');
    expect(searchFromFilter({ status: '', channelId: null })).toBe('');
    const search = '?status=pending&channel_id=12';
    expect(searchFromFilter(filterFromSearch(search))).toBe(search);
  });
});
