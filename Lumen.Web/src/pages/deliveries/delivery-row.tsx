import { useState } from 'react';
import { localTime } from '../../lib/alert-history';
import { api, errorMessage } from '../../lib/api';
import type { Delivery } from '../../lib/channels';
import { channelTypeInfo } from '../../lib/channel-types';
import { canRetry, deliveryEvent, errorSummary, nextTryText } from '../../lib/deliveries';
import { formatAgo } from '../../lib/units';
import { DeliveryStatusBadge } from '../../components/delivery-status';
import { Link } from '../../components/link';
import { Button, cx } from '../../components/ui';

/** Firing or resolved, as a word on its colour. */
function KindMark({ kind }: { kind: 'firing' | 'resolved' }) {
  return (
    <span
      data-testid="delivery-kind"
      className={cx(
        'inline-flex h-5 items-center rounded-md border px-1.5 text-[11px] font-medium',
        kind === 'resolved' ? 'border-ok/30 text-ok' : 'border-warn/35 text-warn',
      )}
    >
      {kind}
    </span>
  );
}

/** The last error: its first line, the whole text in the tooltip and when expanded. */
function LastError({ error }: { error: string }) {
  const summary = errorSummary(error);
  const [open, setOpen] = useState(false);
  const longer = summary !== error.trim();
  return (
    <div className="mt-1 text-xs text-crit" data-testid="delivery-error" title={error}>
      <span className="break-words">{open ? error : summary}</span>
      {longer && (
        <button type="button" className="ml-1.5 font-medium underline underline-offset-2" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'less' : 'all'}
        </button>
      )}
    </div>
  );
}

/** One delivery: when, to which channel, about which event, its state, attempts, next try and last error; Retry for a failed or dropped one. */
export function DeliveryRow({ delivery, nowMs, onRetried }: { delivery: Delivery; nowMs: number; onRetried: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const event = deliveryEvent(delivery);
  const next = nextTryText(delivery, nowMs);
  const retry = async () => {
    setBusy(true);
    try {
      await api.retryDelivery(delivery.id);
      setError(null);
      onRetried();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4 sm:px-5"
      data-testid="delivery"
      data-id={delivery.id}
      data-status={delivery.status}
      data-channel={delivery.channel_name}
      data-kind={event.kind}
    >
      <div className="flex items-center gap-2 sm:w-24 sm:shrink-0 sm:pt-0.5">
        <DeliveryStatusBadge status={delivery.status} />
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
          <span className="font-medium text-fg">{event.rule}</span>
          <span className="text-faint" aria-hidden>
            ·
          </span>
          {delivery.payload?.host_id ? (
            <Link href={`/hosts/${delivery.payload.host_id}`} className="font-medium text-muted hover:text-accent">
              {event.host}
            </Link>
          ) : (
            <span className="font-medium text-muted">{event.host}</span>
          )}
          <KindMark kind={event.kind} />
        </div>
        <div className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted">
          <span>
            to <span className="font-medium text-fg">{delivery.channel_name}</span> ({channelTypeInfo(delivery.channel_type).label})
          </span>
          <span data-testid="delivery-attempts">
            {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
          </span>
          {delivery.http_status !== null && <span>HTTP {delivery.http_status}</span>}
          {next && <span data-testid="delivery-next">{next}</span>}
          {delivery.group_id !== null && <span title="Storm control sent it in one message with others of its channel">grouped</span>}
        </div>
        {delivery.error && <LastError error={delivery.error} />}
        {error && <p className="mt-1 text-xs text-crit">{error}</p>}
      </div>
      <div className="flex items-center gap-3 sm:w-48 sm:shrink-0 sm:flex-col sm:items-end sm:gap-1.5">
        <span
          className="tabular text-xs text-muted"
          title={`Queued ${localTime(delivery.created_at)}${delivery.sent_at ? `, sent ${localTime(delivery.sent_at)}` : ''}`}
        >
          {delivery.sent_at ? `sent ${formatAgo(Date.parse(delivery.sent_at), nowMs)}` : `queued ${formatAgo(Date.parse(delivery.created_at), nowMs)}`}
        </span>
        {canRetry(delivery) && (
          <Button onClick={() => void retry()} busy={busy} aria-label={`Retry delivery ${delivery.id}`}>
            Retry
          </Button>
        )}
      </div>
    </li>
  );
}
